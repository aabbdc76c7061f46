/**
 * Who is asking, and what they may do: session authentication, tenant-bound tokens,
 * tenant resolution, the permission catalog, the grant engine and its per-process
 * cache, and the no-escalation rules every module applies when one person gives
 * another a role or permission.
 */

export { API_KEY_PREFIX, type AuthenticatedApiKey, apiKeyGrants, authenticateApiKey, boundedPermissions, isApiKeyToken } from './api-key-auth';
export {
  levelRank,
  membershipRole,
  type PermissionName,
  permissionCatalog,
  ROLE_LEVELS,
  type RoleLevel,
  type SystemRole,
  systemRoles,
} from './catalog';
export { type CompiledPermissions, compilePermissions, covers, type Grant, patternsCovering } from './engine';
export { assertMayActOn, assertNotAbove, levelOf } from './levels';
export { assertHoldsAll, assertLevelAtMost, assertScopable, assertTierAllowed, expandPattern } from './policy';
export { authorityAt, loadGrants, PermissionResolver } from './resolver';
export { type AuthenticatedSession, accountExists, authenticateSession } from './session-auth';
export { AUTH_CHANGES_CHANNEL, SessionCache } from './session-cache';
export { confirmSession } from './session-repository';
export { grantableNames, rbacFingerprint, syncPermissionCatalog, syncRbac, syncSystemRoles } from './sync';
export { type ResolvedTenant, TenantResolver } from './tenant-resolver';
export { csrfTokenFor, csrfTokenMatches, hashToken, type IssuedToken, issueToken, type TokenPrefix, tokenTenant } from './tokens';
