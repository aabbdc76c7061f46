import type { PermissionChecker } from '../../core/context';

/**
 * Permission matching, compiled once per user and cached.
 *
 * A grant is a catalog name ('account.listings.update') or a per-segment wildcard
 * ('account.listings.*', 'account.*.read', 'tenant.*.*', '*'). Instead of parsing
 * patterns on every check, a check looks up the few wildcard forms that could match
 * the name in a Set — five lookups, then the answer is memoised.
 *
 * An explicit deny (UserPermission.granted = false) beats every grant, wildcards
 * included: the seed's reference implementation had it the other way round.
 */
export interface Grant {
  permission: string;
  /** null: tenant-wide; otherwise only inside this account. */
  accountId: string | null;
  granted: boolean;
}

/** The grant patterns that would cover `name`. */
export function patternsCovering(name: string): string[] {
  const [tier, resource, action] = name.split('.');
  if (action === undefined) return name === '*' ? ['*'] : [name, '*'];
  return [name, `${tier}.${resource}.*`, `${tier}.*.${action}`, `${tier}.*.*`, '*'];
}

/** Does `pattern` cover `name` (both may be wildcards: covers every name the other does)? */
export function covers(pattern: string, name: string): boolean {
  if (pattern === '*') return true;
  if (name === '*') return false;
  const p = pattern.split('.');
  const n = name.split('.');
  return p.length === 3 && n.length === 3 && p.every((segment, i) => segment === '*' || segment === n[i]);
}

class CompiledSet {
  private readonly memo = new Map<string, boolean>();
  constructor(
    private readonly granted: ReadonlySet<string>,
    private readonly denied: ReadonlySet<string>,
  ) {}

  has(name: string): boolean {
    let answer = this.memo.get(name);
    if (answer === undefined) {
      const candidates = patternsCovering(name);
      answer = !candidates.some((c) => this.denied.has(c)) && candidates.some((c) => this.granted.has(c));
      this.memo.set(name, answer);
    }
    return answer;
  }

  get size(): number {
    return this.granted.size;
  }
}

export interface CompiledPermissions extends PermissionChecker {
  /** Earliest moment a grant in here expires (the cache must not outlive it). */
  readonly validUntil: number;
  /** Every grant pattern, for listing (UI) and escalation checks. */
  readonly grants: readonly Grant[];
}

/**
 * Compiles a user's grants. Tenant-wide grants and denies apply everywhere; a grant or
 * deny scoped to an account only applies in that account.
 */
export function compilePermissions(grants: readonly Grant[], validUntil = Number.POSITIVE_INFINITY): CompiledPermissions {
  const tenantGranted = new Set<string>();
  const tenantDenied = new Set<string>();
  const perAccount = new Map<string, { granted: Set<string>; denied: Set<string> }>();
  for (const grant of grants) {
    if (grant.accountId === null) {
      (grant.granted ? tenantGranted : tenantDenied).add(grant.permission);
    } else {
      let scope = perAccount.get(grant.accountId);
      if (!scope) perAccount.set(grant.accountId, (scope = { granted: new Set(), denied: new Set() }));
      (grant.granted ? scope.granted : scope.denied).add(grant.permission);
    }
  }
  const tenantWide = new CompiledSet(tenantGranted, tenantDenied);
  const accounts = new Map<string, CompiledSet>();
  for (const [accountId, scope] of perAccount) {
    accounts.set(accountId, new CompiledSet(new Set([...tenantGranted, ...scope.granted]), new Set([...tenantDenied, ...scope.denied])));
  }
  return {
    can(permission, accountId) {
      if (accountId !== undefined) {
        const scoped = accounts.get(accountId);
        if (scoped) return scoped.has(permission);
      }
      return tenantWide.has(permission);
    },
    accountIds: [...accounts.keys()],
    validUntil,
    grants,
  };
}
