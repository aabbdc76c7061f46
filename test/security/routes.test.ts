import { expect, it } from 'vitest';
import { buildApp } from '../../src/app/app';
import type { AppDeps } from '../../src/app/deps';
import { routeProblems } from '../../src/app/route-check';
import { routeModules } from '../../src/app/routes';
import { tierOf } from '../../src/http/kit/tiers';
import type { RouteModule } from '../../src/http/kit/types';
import { describeHttp } from '../helpers/http';
import { type OpenApiDoc, openApiPath } from './requests';

describeHttp('security: every route declares and documents its permission', (t) => {
  it('has a catalog permission of its own tier on every /api route', () => {
    const api = t.app.routeTable.filter((r) => tierOf(r.url) !== null);
    expect(api.length).toBeGreaterThan(60);
    expect(routeProblems(api)).toEqual([]);
  });

  it('catches a route without a declaration (the start-up check is not a no-op)', () => {
    expect(routeProblems([{ method: 'GET', url: '/api/v1/tenant/x' }])).toEqual(['GET /api/v1/tenant/x declares no permission']);
    expect(routeProblems([{ method: 'GET', url: '/api/v1/tenant/x', permission: 'user.profile.read' }])[0]).toMatch(/tenant tier/);
    expect(routeProblems([{ method: 'GET', url: '/api/v1/user/x', permission: 'user.nothing.here' }])[0]).toMatch(/not in the catalog/);
  });

  it('refuses to start with a route outside the tiers or without a permission (checks every route the app registers)', async () => {
    const sneaky: RouteModule<AppDeps> = (api) => {
      api.get('/api/v2/tenant/users', async () => ({}));
      api.get('/internal/export', async () => ({}));
      api.get('/api/v1/tenant/sneaky', async () => ({}));
    };
    const attempt = buildApp({ db: t.db, config: t.config, routes: [...routeModules, sneaky] });
    await expect(attempt).rejects.toThrow(/GET \/api\/v2\/tenant\/users is outside the API tiers/);
    await expect(attempt).rejects.toThrow(/GET \/internal\/export is outside the API tiers/);
    await expect(attempt).rejects.toThrow(/GET \/api\/v1\/tenant\/sneaky declares no permission/);
    expect(
      routeProblems([
        { method: 'GET', url: '/health/live' },
        { method: 'GET', url: '/docs/static/index.html' },
      ]),
    ).toEqual([]);
  });

  it('documents every route in the OpenAPI document with its permission and security', async () => {
    const doc = (await t.client.get('/openapi.json')).body as OpenApiDoc & {
      openapi: string;
      paths: Record<string, Record<string, { summary?: string; description?: string; security?: unknown[] }>>;
    };
    expect(doc.openapi).toMatch(/^3\.1/);
    for (const route of t.app.routeTable.filter((r) => tierOf(r.url) !== null)) {
      const op = doc.paths[openApiPath(route.url)]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.url} missing from /openapi.json`).toBeDefined();
      expect(op!.summary, `${route.method} ${route.url} has no summary`).toBeTruthy();
      expect(op!.description).toContain(`\`${route.permission}\``);
      if (!route.permission!.startsWith('public.')) expect(op!.security).toEqual([{ session: [] }, { cookie: [] }]);
    }
    expect((await t.client.get('/docs')).status).toBe(200);
  });
});
