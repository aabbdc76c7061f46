import type { RequestContext } from '../../../core/context';
import type { Database } from '../../../db/client';

/** What the content module's use cases need. */
export interface ContentDeps {
  db: Database;
}

/** The engagement counters of a piece of content (kept by the engagements trigger). */
export interface ContentStats {
  views: number;
  likes: number;
  shares: number;
}

/**
 * Counting a signed-in reader's view belongs to the activity module, which itself reads
 * content: the composition root hands it in, so the two modules do not import each other.
 */
export interface ContentViews {
  view(ctx: RequestContext, target: 'contents', contentId: string): Promise<{ stats: ContentStats }>;
}
