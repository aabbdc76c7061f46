import { useQuery } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../../api/client';
import { useSignedIn } from '../../auth/AuthProvider';

export interface CatalogEntry {
  name: string;
  description: string | null;
}

export interface Catalog {
  /** Concrete catalog permissions (no wildcards), sorted. */
  entries: CatalogEntry[];
  /**
   * 'catalog': the full catalog with descriptions (GET /platform/permissions).
   * 'held': only the names the caller holds (GET /user/permissions): tenant
   * administrators cannot read the catalog yet, and may grant only what they hold anyway.
   */
  source: 'catalog' | 'held';
  describe(name: string): string | null;
}

/** Per-segment wildcards, as the server matches them: "account.*.read" matches "account.media.read"; "*" matches all. */
export function matches(pattern: string, name: string): boolean {
  if (pattern === '*') return true;
  const p = pattern.split('.');
  const n = name.split('.');
  return p.length === n.length && p.every((segment, i) => segment === '*' || segment === n[i]);
}

/** The catalog permissions a list of grants (names or wildcards) includes. */
export function expand(patterns: readonly string[], entries: readonly CatalogEntry[]): CatalogEntry[] {
  return entries.filter((entry) => patterns.some((pattern) => matches(pattern, entry.name)));
}

export function usePermissionCatalog(): { catalog: Catalog | undefined; isLoading: boolean; error: unknown } {
  const { can, permissions } = useSignedIn();
  const readable = can('platform.permissions.read');
  const query = useQuery({
    queryKey: ['platform-permissions'],
    queryFn: () => unwrap(api.GET('/api/v1/platform/permissions')),
    enabled: readable,
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (readable) {
    if (!query.data) return { catalog: undefined, isLoading: query.isLoading, error: query.error };
    return {
      catalog: build(
        query.data.data.filter((p) => !p.wildcard),
        'catalog',
      ),
      isLoading: false,
      error: null,
    };
  }
  return {
    catalog: build(
      permissions.tenant.map((name) => ({ name, description: null })),
      'held',
    ),
    isLoading: false,
    error: null,
  };
}

function build(entries: (Schemas['Permission'] | CatalogEntry)[], source: Catalog['source']): Catalog {
  const sorted = entries.map(({ name, description }) => ({ name, description })).sort((a, b) => a.name.localeCompare(b.name));
  const byName = new Map(sorted.map((entry) => [entry.name, entry.description]));
  return { entries: sorted, source, describe: (name) => byName.get(name) ?? null };
}

/** "account.listings.update" → group "account · listings". */
export function groupOf(name: string): string {
  const [tier, resource] = name.split('.');
  return `${tier} · ${resource}`;
}
