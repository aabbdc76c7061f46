import type { RouteModule } from '../http/kit/types';
import { accountRoutes } from '../modules/accounts';
import { activityRoutes } from '../modules/activity';
import { apiKeyRoutes } from '../modules/apikeys';
import { auditRoutes } from '../modules/audit';
import { bookingRoutesModule } from '../modules/booking';
import { contentRoutes } from '../modules/content';
import { eventRoutes } from '../modules/events';
import { identityRoutes, userAdminRoutes } from '../modules/identity';
import { mailRoutes } from '../modules/mail';
import { blockRoutes, listingFieldRoutes, marketplaceRoutes, reportRoutes, savedRoutes } from '../modules/marketplace';
import { mediaRoutes } from '../modules/media';
import { notificationRoutes } from '../modules/notifications';
import { profileRoutes } from '../modules/profiles';
import { rbacRoutes } from '../modules/rbac';
import { reviewRoutes } from '../modules/reviews';
import { tenantRoutes } from '../modules/tenants';
import { transferRoutes } from '../modules/transfer';
import type { AppDeps } from './deps';

/**
 * Every module's routes. Adding a module: export a RouteModule from
 * src/modules/<domain>/routes.ts and list it here.
 */
export const routeModules: RouteModule<AppDeps>[] = [
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
  savedRoutes,
  listingFieldRoutes,
  blockRoutes,
  reportRoutes,
  reviewRoutes,
  profileRoutes,
  auditRoutes,
  mailRoutes,
  apiKeyRoutes,
  eventRoutes,
  transferRoutes,
  notificationRoutes,
];
