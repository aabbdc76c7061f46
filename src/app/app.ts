import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config';
import { AppError, type ErrorCode } from '../core/errors';
import { newId } from '../core/ids';
import type { Database } from '../db/client';
import { isAcquireTimeout, loginRefusedSentence } from '../db/errors';
import { problemSchema } from '../http/kit/schemas';
import { tierOf } from '../http/kit/tiers';
import type { Api, RouteModule } from '../http/kit/types';
import { PermissionResolver, SessionCache, TenantResolver } from '../modules/access';
import { createEngagementService } from '../modules/activity';
import { type Mailer, outboxMailer } from '../modules/mail';
import { conversationFeed } from '../modules/marketplace';
import { configureNotifications } from '../modules/notifications';
import { authenticationHook, guardHook, rerunOnStaleSession } from './auth';
import { clientErrorHandler, serverTimeouts } from './client-errors';
import { consoleDir, registerConsole } from './console';
import type { AppDeps } from './deps';
import { registerHealth } from './health';
import { idempotencyClaimHook, idempotencyStoreHook } from './idempotency';
import { refuseNul } from './nul-guard';
import { registerOpenApi } from './openapi';
import { loggableError, redactUrl, toProblem } from './problem';
import { type RouteInfo, routeProblems } from './route-check';
import { routeErrorCodes } from './route-errors';
import { routeModules } from './routes';
import { serializerCompiler } from './serializer';
import { validatorCompiler } from './validator';

export interface BuildAppOptions {
  db: Database;
  config: Config;
  mailer?: Mailer;
  logger?: FastifyServerOptions['logger'];
  /** The route modules to serve (default: all of app/routes.ts). */
  routes?: readonly RouteModule<AppDeps>[];
}

export interface MonoApp extends FastifyInstance {
  /** Every registered route with its declared permission (the security suite walks it). */
  routeTable: RouteInfo[];
  /**
   * Error codes answered that the route did not declare (`config.errors`, see
   * app/route-errors.ts): the HTTP tests fail on any, so /openapi.json stays true.
   */
  undeclaredErrors: Set<string>;
  deps: AppDeps;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const noQuery = z.strictObject({});

/**
 * The HTTP API: request id → tenant & authentication → permission guard → zod
 * validation → service → presenter; any error → problem+json. Refuses to start when a
 * route lacks a valid permission declaration.
 */
export async function buildApp(options: BuildAppOptions): Promise<MonoApp> {
  const app = Fastify({
    logger:
      options.logger && typeof options.logger === 'object'
        ? {
            ...options.logger,
            serializers: {
              req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip }),
            },
          }
        : (options.logger ?? false),
    trustProxy: options.config.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : newId();
    },
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    // A request (headers and body) must arrive within requestTimeout: a body trickling in
    // byte by byte is cut off with 408 instead of holding a connection and a handler.
    requestTimeout: options.config.requestTimeoutMs,
    http: serverTimeouts(options.config.requestTimeoutMs),
    clientErrorHandler,
    // Every route validates and serialises with its zod schemas (answers through a writer
    // compiled from them, ./serializer.ts). Named here rather than
    // set afterwards, Fastify never loads its default compilers (Ajv and
    // fast-json-stringify): ~0.4 s of every start.
    // (Fastify's types expect Ajv-shaped factories; a factory returning any compiler is what it calls.)
    schemaController: {
      compilersFactory: { buildValidator: () => validatorCompiler, buildSerializer: () => serializerCompiler },
    } as unknown as FastifyServerOptions['schemaController'],
  }) as unknown as MonoApp;

  configureNotifications({ publicUrl: options.config.publicUrl });
  const deps: AppDeps = {
    db: options.db,
    config: options.config,
    mailer: options.mailer ?? outboxMailer(app.log),
    permissions: new PermissionResolver(options.db),
    tenants: new TenantResolver(options.db),
    sessions: new SessionCache(options.db),
    contentViews: createEngagementService({ db: options.db }),
    conversations: conversationFeed,
  };
  app.deps = deps;
  await deps.sessions.start();
  app.addHook('onClose', async () => deps.sessions.close());
  app.routeTable = [];
  app.undeclaredErrors = new Set();
  const errorCodesOf = new Map<string, Set<ErrorCode>>();

  app.addHook('onRoute', rerunOnStaleSession(deps));
  // Before swagger sees the routes: document permission, security and error responses.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method !== 'HEAD') app.routeTable.push({ method, url: route.url, permission: route.config?.permission });
    }
    const tier = tierOf(route.url);
    if (tier === null || !route.schema) return;
    for (const method of methods) errorCodesOf.set(`${method} ${route.url}`, routeErrorCodes(tier, route.config?.errors, route.schema, method));
    const permission = route.config?.permission;
    const schema = route.schema as Record<string, unknown>;
    // Unknown query parameters are refused like unknown body fields: ?limt=10 is a typo to report, not to ignore.
    schema.querystring ??= noQuery;
    schema.description = [schema.description, permission ? `**Permission:** \`${permission}\`` : undefined].filter(Boolean).join('\n\n');
    if (permission && !permission.startsWith('public.')) schema.security = [{ session: [] }, { cookie: [] }];
    // Serialises every error; the OpenAPI document lists them per status (openapi.ts).
    schema.response = { ...(schema.response as object), '4XX': problemSchema, '5XX': problemSchema };
  });

  await registerOpenApi(app);

  app.addHook('onRequest', authenticationHook(deps));
  app.addHook('preValidation', guardHook(deps));
  // A request without a body, on a route that takes one, gets an empty object: actions
  // whose fields are all optional (approve, publish, confirm…) work with a bare POST, and
  // a route that needs fields names the missing ones instead of "expected object, received null".
  app.addHook('preValidation', async (request) => {
    if ((request.body === undefined || request.body === null) && request.routeOptions.schema?.body) request.body = {};
  });
  app.addHook('preValidation', refuseNul);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Idempotency-Key on writes: claim (or replay) once the request is known to be valid and allowed; keep the answer when it is sent.
  app.addHook('preHandler', idempotencyClaimHook(deps));
  app.addHook('onSend', idempotencyStoreHook(deps));

  app.setErrorHandler((error, request, reply) => {
    const { problem, internal, retryAfter } = toProblem(error, request.id);
    const route = `${request.routeOptions.method} ${request.routeOptions.url}`;
    const declared = errorCodesOf.get(route);
    if (declared && !declared.has(problem.code as ErrorCode)) app.undeclaredErrors.add(`${route} answered ${problem.code}`);
    // An outage is logged once when it starts (below), not once per refused request.
    if (problem.code === 'DATABASE_UNAVAILABLE') {
      if (!isAcquireTimeout(error)) deps.db.availability.reportFailure(error);
    } else if (problem.code === 'DATABASE_LOGIN_REFUSED') {
      reportLoginRefused(request.log, error);
    } else if (internal) request.log.error({ err: loggableError(error) }, 'request failed');
    if (retryAfter) reply.header('retry-after', String(retryAfter));
    reply.status(problem.status).type('application/problem+json').send(problem);
  });
  app.setNotFoundHandler((request, reply) => {
    const notFound = new AppError('ROUTE_NOT_FOUND', `There is no ${request.method} ${request.url.split('?')[0]}`);
    const { problem } = toProblem(notFound, request.id);
    reply.status(404).type('application/problem+json').send(problem);
  });

  const api = app.withTypeProvider<ZodTypeProvider>() as unknown as Api;
  registerHealth(api, options.db);
  api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const register of options.routes ?? routeModules) await register(api, deps);
  await registerConsole(app, { dir: consoleDir });

  const stopWatching = options.db.availability.onChange((available, error) => {
    if (available) app.log.info('database back');
    else app.log.error({ err: loggableError(error) }, 'database unavailable');
  });
  app.addHook('onClose', async () => stopWatching());

  await app.ready();
  const problems = routeProblems(app.routeTable);
  if (problems.length) {
    await app.close();
    throw new Error(`routes without a valid permission declaration:\n  ${problems.join('\n  ')}`);
  }
  return app;
}

/** A refused login, logged as one line, at most once a minute per refusal (every request fails the same way until the operator fixes it). */
const loginRefusedLogged = new Map<string, number>();
function reportLoginRefused(log: { error: (obj: object, msg: string) => void }, error: unknown): void {
  const sentence = loginRefusedSentence(error) ?? 'the database refused a login';
  const now = Date.now();
  if ((loginRefusedLogged.get(sentence) ?? 0) > now - 60_000) return;
  loginRefusedLogged.set(sentence, now);
  log.error({ code: 'DATABASE_LOGIN_REFUSED' }, sentence);
}
