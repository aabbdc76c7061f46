import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config';
import type { RequestContext } from '../../core/context';
import type { ErrorCode } from '../../core/errors';
import type { Database } from '../../db/client';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The permission this route needs (tier.resource.action from the catalog). Every
     * /api route must declare one; `public.*` routes need no session.
     */
    permission?: string;
    /**
     * The error codes this route answers beyond those every route of its tier can
     * (authentication, permission, validation: see app/route-errors.ts). Listed per
     * operation in /openapi.json; the HTTP tests fail on an answer that is not declared.
     */
    errors?: readonly ErrorCode[];
    /** Public routes that find their tenant themselves (e.g. from a tenant-bound token). */
    tenantOptional?: boolean;
    /**
     * Top-level fields of the response that an Idempotency-Key replay must not repeat
     * (secrets shown once): stored and replayed as null (app/idempotency.ts).
     */
    idempotencyRedact?: readonly string[];
  }
  interface FastifyRequest {
    /** Who is asking, for which tenant: set by the authentication hook. */
    ctx: RequestContext;
    /** The tenant's status, when a tenant is known. */
    tenantStatus?: string;
    /** For /account/{accountId} routes: whether the account exists in the tenant (read with the session). */
    accountExists?: boolean;
    /** The session token, when the session cookie (not a bearer token) authenticated the request. */
    sessionCookie?: string;
    /** Authenticated without the session cache (a second try after a refusal on cached facts, app/auth.ts). */
    freshSession?: boolean;
  }
}

/** The Fastify instance routes are registered on (zod-typed). */
export type Api = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** What every module's routes can count on; a module asks for more in its own deps type. */
export interface BaseDeps {
  db: Database;
  config: Config;
}

/**
 * A module's routes: `(app, deps) => { app.get(…) }`, listed in src/app/routes.ts. `D`
 * names what the module needs from the composition root (which builds one of each).
 */
export type RouteModule<D extends BaseDeps = BaseDeps> = (app: Api, deps: D) => void | Promise<void>;
