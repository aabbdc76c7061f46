/** Tenants (marketplaces) and their settings; platform operators manage them. */
export { tenantRoutes } from './routes';
export { identifier } from './schemas';
export { createTenantService, type NewTenant, type TenantService } from './service';
