/** Role and grant administration: custom roles, assignments, direct grants and denies. */
export { rbacRoutes } from './routes';
export { assignRoleBody, createRoleBody, grantPermissionBody, permissionPattern } from './schemas';
