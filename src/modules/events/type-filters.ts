/**
 * Event type filters: an exact type (`listing.published`), a family (`listing.*`), or
 * everything (`*`). Pure helpers shared by the feed and the webhooks.
 */
export const TYPE_FILTER = /^(\*|[a-z][a-z_]*(\.[a-z][a-z_]*)*\.\*|[a-z][a-z_]*(\.[a-z][a-z_]*)+)$/;

/** Exact types and prefixes; undefined when a `*` lets everything through. */
export function splitTypeFilters(filters: readonly string[]): { exact: string[]; prefixes: string[] } | undefined {
  if (filters.includes('*')) return undefined;
  return {
    exact: filters.filter((f) => !f.endsWith('.*')),
    prefixes: filters.filter((f) => f.endsWith('.*')).map((f) => f.slice(0, -1)),
  };
}

/** Whether an event type passes the filters (the SQL of emitEvent does the same). */
export function matchesTypeFilters(type: string, filters: readonly string[]): boolean {
  return filters.some((f) => f === '*' || f === type || (f.endsWith('.*') && type.startsWith(f.slice(0, -1))));
}
