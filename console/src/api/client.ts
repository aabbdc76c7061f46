import createClient, { type Middleware } from 'openapi-fetch';
import { session } from '../auth/session';
import { ApiProblem, asProblem } from './problem';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

/** The JSON body an operation takes: Body<'/api/v1/tenant/users/{userId}', 'patch'>. */
export type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } }
  ? B
  : never;

/** The JSON an operation answers with 200: Answer<'/api/v1/tenant/reviews', 'get'>. */
export type Answer<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer R } } };
}
  ? R
  : never;

/** One item of a paginated list operation's answer. */
export type ItemOf<P extends keyof paths> = Answer<P, 'get' & keyof paths[P]> extends { data: (infer I)[] } ? I : never;

const sessionLost = new Set<() => void>();
/** Called when the API answers 401 to a signed-in request: the session expired, timed out or was revoked. */
export function onSessionLost(listener: () => void): () => void {
  sessionLost.add(listener);
  return () => sessionLost.delete(listener);
}

const credentials: Middleware = {
  onRequest({ request }) {
    return session.authorize(request);
  },
  onResponse({ request, response }) {
    if (response.status === 401 && session.active && !request.url.includes('/public/auth/')) {
      for (const listener of sessionLost) listener();
    }
    return undefined;
  },
};

/** The typed API client: paths, parameters, bodies and answers come from the generated schema.d.ts. */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: session.credentials });
api.use(credentials);

/**
 * openapi-fetch answers { data, error, response }; the console's queries and mutations
 * want the data or a thrown ApiProblem (with the problem's `detail` to show).
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || error !== undefined) throw asProblem(error, response);
  return data as T;
}

export { ApiProblem };
