/** The activity module's public surface: engagement (likes, views, shares) and the activity feed. */

export { pruneEngagementWindows } from './jobs';
export { type ActivityView, presentActivity } from './presenters';
export { activityRoutes } from './routes';
export * from './schemas';
export { createEngagementService, type EngagementResult, type EngagementService, type EngagementServiceDeps, type LikeResult } from './service';
