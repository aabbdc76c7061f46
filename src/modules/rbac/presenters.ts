import { toIso } from '../../http/kit/schemas';
import type { PermissionGrantRow, RoleAssignmentRow, RoleRow } from './repository';

export const presentRole = (role: Pick<RoleRow, 'id' | 'name' | 'description' | 'type' | 'level' | 'createdAt' | 'updatedAt'>, permissions: string[]) => ({
  id: role.id,
  name: role.name,
  description: role.description,
  type: role.type,
  level: role.level,
  permissions,
  createdAt: role.createdAt.toISOString(),
  updatedAt: role.updatedAt.toISOString(),
});

export const presentRoleAssignment = (a: RoleAssignmentRow) => ({
  id: a.id,
  roleId: a.roleId,
  role: a.role,
  level: a.level,
  accountId: a.accountId,
  assignedAt: a.assignedAt.toISOString(),
  assignedBy: a.assignedBy,
  expiresAt: toIso(a.expiresAt),
});

export const presentPermissionGrant = (g: PermissionGrantRow) => ({
  id: g.id,
  permission: g.permission,
  granted: g.granted,
  accountId: g.accountId,
  assignedAt: g.assignedAt.toISOString(),
  assignedBy: g.assignedBy,
  expiresAt: toIso(g.expiresAt),
});
