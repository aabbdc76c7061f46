import type { PermissionChecker } from '../../core/context';
import { AppError } from '../../core/errors';
import { levelRank, permissionCatalog, type RoleLevel } from './catalog';
import { covers } from './engine';

const catalogNames = Object.keys(permissionCatalog);

/** Every catalog name a grant pattern stands for ('tenant.*.read' → all tenant read names). */
export const expandPattern = (pattern: string) => catalogNames.filter((name) => covers(pattern, name));

/**
 * No privilege escalation: one may only hand out (or take into a role) permissions one
 * holds oneself — in the account the grant is scoped to, if any. Checked name by name
 * over everything a wildcard stands for, so `tenant.*.*` needs all of the tenant tier.
 */
export function assertHoldsAll(permissions: PermissionChecker, patterns: readonly string[], accountId?: string | null): void {
  const missing = new Set<string>();
  for (const pattern of patterns) {
    for (const name of expandPattern(pattern)) {
      if (!permissions.can(name, accountId ?? undefined)) missing.add(name);
    }
  }
  if (missing.size) {
    const list = [...missing].slice(0, 5).join(', ');
    throw new AppError(
      'PRIVILEGE_ESCALATION',
      `You cannot grant what you do not hold yourself: ${list}${missing.size > 5 ? ` and ${missing.size - 5} more` : ''}`,
    );
  }
}

/** Nobody assigns, creates or changes a role above their own level. */
export function assertLevelAtMost(own: RoleLevel | null, wanted: RoleLevel): void {
  if (!own || levelRank[wanted] > levelRank[own]) {
    throw new AppError('PRIVILEGE_ESCALATION', `You cannot manage a ${wanted} role: your own level is ${own ?? 'below USER'}`);
  }
}

/** platform.* and '*' exist only in the platform tenant. */
export function assertTierAllowed(patterns: readonly string[], isPlatformTenant: boolean): void {
  if (isPlatformTenant) return;
  const platformOnly = patterns.filter((p) => p === '*' || p.startsWith('platform.'));
  if (platformOnly.length) {
    throw new AppError('PLATFORM_PERMISSION', `Only the platform tenant can hold ${platformOnly.join(', ')}`);
  }
}

/** Account-scoped grants make sense only for account-tier permissions and ACCOUNT-level roles. */
export function assertScopable(patterns: readonly string[], level: RoleLevel | null): void {
  if (level !== null && level !== 'ACCOUNT') {
    throw new AppError('SCOPE_NOT_ALLOWED', 'Only ACCOUNT-level roles can be scoped to an account');
  }
  const notAccount = patterns.filter((p) => !p.startsWith('account.'));
  if (notAccount.length) {
    throw new AppError('SCOPE_NOT_ALLOWED', `Only account permissions can be scoped to an account, not ${notAccount.join(', ')}`);
  }
}
