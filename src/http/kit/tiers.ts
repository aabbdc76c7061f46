/**
 * The five tiers of the API, by who a route serves. A route's path names its tier
 * (/api/v1/<tier>/…) and its permission starts with the same word.
 */
export const TIERS = ['platform', 'tenant', 'account', 'user', 'public'] as const;
export type Tier = (typeof TIERS)[number];

/** The tier of an /api/v1/<tier>/… route (null for /health, /docs, /openapi.json). */
export function tierOf(url: string | undefined): Tier | null {
  const match = url?.match(/^\/api\/v1\/(platform|tenant|account|user|public)(?:\/|$)/);
  return (match?.[1] as Tier | undefined) ?? null;
}
