import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config';
import type { RequestContext } from '../../core/context';
import type { Database } from '../../db/client';
import type { PermissionResolver } from '../../modules/access/resolver';
import type { TenantResolver } from '../../modules/access/tenant-resolver';
import type { Mailer } from '../../modules/mail/mailer';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The permission this route needs (tier.resource.action from the catalog). Every
     * /api route must declare one; `public.*` routes need no session.
     */
    permission?: string;
    /** Public routes that find their tenant themselves (e.g. from a tenant-bound token). */
    tenantOptional?: boolean;
  }
  interface FastifyRequest {
    /** Who is asking, for which tenant: set by the authentication hook. */
    ctx: RequestContext;
    /** The tenant's status, when a tenant is known. */
    tenantStatus?: string;
    /** For /account/{accountId} routes: whether the account exists in the tenant (read with the session). */
    accountExists?: boolean;
  }
}

/** The Fastify instance routes are registered on (zod-typed). */
export type Api = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** What route modules get to build their services from. */
export interface AppDeps {
  db: Database;
  config: Config;
  mailer: Mailer;
  permissions: PermissionResolver;
  tenants: TenantResolver;
}

/** A module's routes: registered in src/http/routes.ts. */
export type RouteModule = (app: Api, deps: AppDeps) => void | Promise<void>;
