import { tierOf } from '../http/kit/tiers';
import { permissionCatalog } from '../modules/access';

export interface RouteInfo {
  method: string;
  url: string;
  permission?: string;
}

/**
 * The routes that live outside the five API tiers: health probes, the OpenAPI document
 * and its viewer, the console and the front door. They serve no tenant data. Any other
 * route must be in a tier, so that it passes the permission guard.
 */
const INFRASTRUCTURE = [/^\/$/, /^\/health(\/live|\/ready)?$/, /^\/openapi\.json$/, /^\/docs(\/.*)?$/, /^\/console(\/.*)?$/];

export function isInfrastructureRoute(url: string): boolean {
  return INFRASTRUCTURE.some((pattern) => pattern.test(url));
}

/**
 * Every route the app registers is either infrastructure or an /api/v1/<tier>/… route
 * that declares a catalog permission of its own tier. Checked when the app starts (a
 * forgotten declaration, or a route registered outside the tiers, stops the server — it
 * does not open a hole) and by the security suite over the same route table.
 */
export function routeProblems(routes: readonly RouteInfo[]): string[] {
  const problems: string[] = [];
  for (const route of routes) {
    const where = `${route.method} ${route.url}`;
    const tier = tierOf(route.url);
    if (tier === null) {
      if (!isInfrastructureRoute(route.url)) problems.push(`${where} is outside the API tiers (/api/v1/<tier>/…), so no permission guards it`);
      continue;
    }
    if (!route.permission) problems.push(`${where} declares no permission`);
    else if (!(route.permission in permissionCatalog)) problems.push(`${where} declares ${route.permission}, which is not in the catalog`);
    else if (!route.permission.startsWith(`${tier}.`)) problems.push(`${where} is in the ${tier} tier but declares ${route.permission}`);
    if (tier === 'account' && !route.url.startsWith('/api/v1/account/:accountId'))
      problems.push(`${where}: account routes live under /api/v1/account/:accountId`);
  }
  return problems;
}
