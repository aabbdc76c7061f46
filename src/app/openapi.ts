import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { tierOf } from '../http/kit/tiers';
import { errorResponses, routeErrorCodes, WRITE_METHODS } from './route-errors';

const description = `
Mono is a multi-tenant marketplace backend. Every resource belongs to one tenant (a marketplace);
one tenant can never see another's data.

**Tiers.** Routes are grouped by who they serve: \`/api/v1/public\` (no session; name the tenant with
the \`X-Tenant: <identifier>\` header or the host name), \`/api/v1/user\` (the caller's own things),
\`/api/v1/account/{accountId}\` (one account's things), \`/api/v1/tenant\` (marketplace administration) and
\`/api/v1/platform\` (operators of the installation).

**Authentication.** \`POST /api/v1/public/auth/login\` returns a session token; send it as
\`Authorization: Bearer <token>\`. The token decides the tenant. Machines use an API key (\`mkey_…\`,
\`/api/v1/tenant/api-keys\`) the same way; its requests are rate-limited (\`RateLimit-*\` headers, 429).
Browsers (the console) use \`POST /api/v1/public/auth/session\` instead: the token is set as an HttpOnly,
SameSite=Strict cookie, and every request that changes something sends the answered CSRF token as
\`X-CSRF-Token\` (else 403 \`CSRF_TOKEN_INVALID\`).

**Retries.** Writes accept an \`Idempotency-Key\` header (see docs/integrations.md).

**Permissions.** Each operation names the permission it needs (tier.resource.action).
\`GET /api/v1/user/permissions\` tells what the caller may do.

**Errors** are RFC 9457 \`application/problem+json\` with a stable \`code\` and the \`requestId\`.
**Lists** are cursor-paginated: \`?limit=&cursor=\` → \`{ data, nextCursor }\`.
`;

type OpenApiDocument = { paths?: Record<string, Record<string, { parameters?: unknown[] }>> };

/** Every write operation of the API takes the shared Idempotency-Key header parameter. */
function withIdempotencyHeader(document: OpenApiDocument): OpenApiDocument {
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    if (!path.startsWith('/api/')) continue;
    for (const [method, operation] of Object.entries(operations)) {
      if (WRITE_METHODS.has(method.toUpperCase())) (operation.parameters ??= []).push({ $ref: '#/components/parameters/IdempotencyKey' });
    }
  }
  return document;
}

/** Every public operation takes the X-Tenant header (or the host name names the tenant). */
function withTenantHeader(document: OpenApiDocument): OpenApiDocument {
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    if (!path.startsWith('/api/v1/public/')) continue;
    for (const operation of Object.values(operations)) (operation.parameters ??= []).unshift({ $ref: '#/components/parameters/Tenant' });
  }
  return document;
}

/**
 * Example values a person would type, where the schema alone makes Swagger UI invent
 * unlikely ones (a date-time built from the validation pattern: 1704-02-29T10:01:58-09:11;
 * an integer at its minimum: -9007199254740991).
 */
const formatExamples: Record<string, string> = {
  'date-time': '2026-03-14T09:30:00Z',
  date: '2026-03-14',
  email: 'admin@demo.local',
  uuid: '0193a5f2-7c1e-7b3a-9d4e-5f6a7b8c9d0e',
  uri: 'https://example.com/',
};

function withExamples(node: unknown): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) withExamples(item);
    return;
  }
  const schema = node as Record<string, unknown>;
  if (!('example' in schema) && !('examples' in schema) && !('const' in schema) && !('enum' in schema)) {
    if (schema.type === 'string' && typeof schema.format === 'string' && schema.format in formatExamples) schema.example = formatExamples[schema.format];
    if ((schema.type === 'integer' || schema.type === 'number') && (schema.minimum === undefined || (schema.minimum as number) <= 0)) {
      schema.example = typeof schema.maximum === 'number' && schema.maximum < 1 ? schema.maximum : 1;
    }
  }
  for (const value of Object.values(schema)) withExamples(value);
}

/** OpenAPI 3.1 generated from the zod schemas of the routes; served at /openapi.json and /docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Mono API', version: '1.0.0', description },
      components: {
        securitySchemes: {
          session: { type: 'http', scheme: 'bearer', description: 'Session token from POST /api/v1/public/auth/login, or an API key (mkey_…)' },
          cookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'mono_session',
            description: 'The session cookie set by POST /api/v1/public/auth/session; writes also need the X-CSRF-Token header',
          },
        },
        parameters: {
          Tenant: {
            name: 'X-Tenant',
            in: 'header',
            required: false,
            description:
              'The marketplace, by its identifier. Public routes need it unless the host name names the tenant (`<identifier>.TENANT_DOMAIN`) or a token in the request does; 400 `TENANT_REQUIRED` otherwise. Signed-in requests take the tenant from the session.',
            schema: { type: 'string', minLength: 1, maxLength: 63 },
            example: 'demo',
          },
          IdempotencyKey: {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description:
              'Makes the write safe to retry: a retry with the same key and the same request answers the first response (status and body, header `Idempotent-Replayed: true`) without doing the work again. The same key with another request: 422 `IDEMPOTENCY_KEY_REUSED`; while the first is still running: it is waited for, then 409 `IDEMPOTENCY_IN_PROGRESS`. Keys are per caller (user or API key) and expire after 24 hours. 5xx answers are not kept. Ignored without a signed-in caller.',
            schema: { type: 'string', minLength: 1, maxLength: 255 },
          },
        },
      },
    },
    transform: (input) => {
      const transformed = jsonSchemaTransform(input);
      const tier = tierOf(input.url);
      const response = (transformed.schema as { response?: Record<string, unknown> }).response;
      if (tier && response && !input.schema.hide) {
        // The generic 4XX/5XX that serialise errors become one response per status with its codes.
        delete response['4XX'];
        delete response['5XX'];
        const method = [input.route.method].flat()[0];
        Object.assign(response, errorResponses(routeErrorCodes(tier, input.route.config?.errors, input.schema, method)));
      }
      return transformed;
    },
    transformObject: (input) => {
      const document = withTenantHeader(withIdempotencyHeader(jsonSchemaTransformObject(input) as OpenApiDocument));
      withExamples(document.paths);
      withExamples((document as { components?: unknown }).components);
      return document;
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
}
