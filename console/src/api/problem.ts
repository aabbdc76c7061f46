/** An RFC 9457 problem as Mono answers it (application/problem+json). */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
  requestId?: string;
  [extra: string]: unknown;
}

/** A refused API call: the problem, thrown so TanStack Query sees an error. */
export class ApiProblem extends Error {
  override name = 'ApiProblem';
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
  get status() {
    return this.problem.status;
  }
  get code() {
    return this.problem.code;
  }
}

export function asProblem(body: unknown, response: Response): ApiProblem {
  if (body && typeof body === 'object' && 'code' in body && 'detail' in body) return new ApiProblem(body as Problem);
  return new ApiProblem({
    status: response.status,
    code: response.status >= 500 ? 'INTERNAL_ERROR' : 'CLIENT_ERROR',
    detail: response.status >= 500 ? 'The server could not answer; try again in a moment.' : `The request was refused (${response.status}).`,
  });
}

/**
 * The field messages of a validation problem, by field path without the "body." /
 * "querystring." prefix: "body.limits.maxMembers" → "limits.maxMembers".
 */
export function fieldErrors(error: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (!(error instanceof ApiProblem)) return map;
  for (const { path, message } of error.problem.errors ?? []) {
    const field = path.replace(/^(body|querystring|params)\.?/, '');
    if (!map.has(field)) map.set(field, message);
  }
  return map;
}

/** A sentence for an error of any kind (network failures included). */
export function describeError(error: unknown): string {
  if (error instanceof ApiProblem) return error.problem.detail;
  if (error instanceof TypeError) return 'Mono cannot be reached: check that the server is running.';
  return error instanceof Error ? error.message : String(error);
}

/**
 * A form's view of a refused request: each field's message next to the field (from
 * errors[].path), and the problem's detail in one place when no field shows it.
 */
export function formProblem(error: unknown, fields: readonly string[]) {
  const map = fieldErrors(error);
  // A list field shows the messages of its items too: "permissions.2" next to "permissions".
  const fieldOf = (key: string) => fields.find((name) => key === name || key.startsWith(`${name}.`));
  const allShown = map.size > 0 && [...map.keys()].every((key) => fieldOf(key) !== undefined);
  return {
    field: (name: string) => map.get(name) ?? [...map].find(([key]) => key.startsWith(`${name}.`))?.[1],
    general: error && !allShown ? error : null,
  };
}
