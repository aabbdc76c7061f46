import type { ActivityRow } from './repository';

/** An activity of the feed; `content` is there while the content is public. */
export function presentActivity(row: ActivityRow, content?: { id: string; title: string; slug: string }) {
  return {
    id: row.id,
    type: row.type,
    target: row.target,
    targetId: row.target_id,
    metadata: row.metadata ?? {},
    createdAt: row.created_at.toISOString(),
    content: content ? { id: content.id, title: content.title, slug: content.slug } : null,
  };
}
export type ActivityView = ReturnType<typeof presentActivity>;
