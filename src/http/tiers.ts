import type { Tier } from '../modules/rbac/catalog';

/** The tier of an /api/v1/<tier>/… route (null for /health, /docs, /openapi.json). */
export function tierOf(url: string | undefined): Tier | null {
  const match = url?.match(/^\/api\/v1\/(platform|tenant|account|user|public)(?:\/|$)/);
  return (match?.[1] as Tier | undefined) ?? null;
}
