import { bindUseCases } from '../../core/use-case';
import { type EngagementDeps, like, recordShare, recordView, unlike } from './engagement';
import { activityFeed } from './feed';

/**
 * The engagement use cases over one set of deps. The composition root hands this to
 * the content module as its `ContentViews` (a signed-in reader's view is counted).
 */
export function createEngagementService(deps: EngagementDeps) {
  return bindUseCases(deps, { like, unlike, view: recordView, share: recordShare, feed: activityFeed });
}

export type EngagementService = ReturnType<typeof createEngagementService>;
