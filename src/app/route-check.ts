import { tierOf } from '../http/kit/tiers';
import { permissionCatalog } from '../modules/access';

export interface RouteInfo {
  method: string;
  url: string;
  permission?: string;
}

/**
 * Every /api route must declare a catalog permission of its own tier. Checked when the
 * app starts (a forgotten declaration stops the server, it does not open a hole) and by
 * the security suite over the same route table.
 */
export function routeProblems(routes: readonly RouteInfo[]): string[] {
  const problems: string[] = [];
  for (const route of routes) {
    const tier = tierOf(route.url);
    if (tier === null) continue;
    const where = `${route.method} ${route.url}`;
    if (!route.permission) problems.push(`${where} declares no permission`);
    else if (!(route.permission in permissionCatalog)) problems.push(`${where} declares ${route.permission}, which is not in the catalog`);
    else if (!route.permission.startsWith(`${tier}.`)) problems.push(`${where} is in the ${tier} tier but declares ${route.permission}`);
    if (tier === 'account' && !route.url.startsWith('/api/v1/account/:accountId'))
      problems.push(`${where}: account routes live under /api/v1/account/:accountId`);
  }
  return problems;
}
