/** The activity module's public surface: engagement (likes, views, shares) and the activity feed. */
export { createEngagementService, type EngagementService, type EngagementServiceDeps, type EngagementResult, type LikeResult } from './service';
export { pruneEngagementWindows } from './jobs';
export { presentActivity, type ActivityView } from './presenters';
export * from './schemas';
