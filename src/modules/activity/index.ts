/** The activity module's public surface: engagement (likes, views, shares) and the activity feed. */

export type { EngagementDeps, EngagementResult, LikeResult } from './engagement';
export { pruneEngagementWindows } from './jobs';
export { activityRoutes } from './routes';
export * from './schemas';
export { createEngagementService, type EngagementService } from './service';
