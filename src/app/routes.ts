import type { RouteModule } from '../http/kit/types';
import { accountRoutes } from '../modules/accounts/routes';
import { activityRoutes } from '../modules/activity/routes';
import { auditRoutes } from '../modules/audit/routes';
import { bookingRoutesModule } from '../modules/booking/routes';
import { contentRoutes } from '../modules/content/routes';
import { userAdminRoutes } from '../modules/identity/admin-routes';
import { identityRoutes } from '../modules/identity/routes';
import { marketplaceRoutes } from '../modules/marketplace/routes';
import { mediaRoutes } from '../modules/media/routes';
import { rbacRoutes } from '../modules/rbac/routes';
import { tenantRoutes } from '../modules/tenants/routes';

/**
 * Every module's routes. Adding a module: export a RouteModule from
 * src/modules/<domain>/routes.ts and list it here.
 */
export const routeModules: RouteModule[] = [
  identityRoutes,
  userAdminRoutes,
  tenantRoutes,
  accountRoutes,
  rbacRoutes,
  bookingRoutesModule,
  contentRoutes,
  activityRoutes,
  mediaRoutes,
  marketplaceRoutes,
  auditRoutes,
];
