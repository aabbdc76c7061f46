/**
 * How the console holds its session — the only file that knows.
 *
 * POST /api/v1/public/auth/session signs in with a cookie: the session token lives in an
 * HttpOnly, SameSite=Strict cookie that no script (this one included) can read, and the
 * browser sends it with every API request of this origin. What the page keeps, in this
 * module's memory only, is the session's CSRF token: every request that changes something
 * carries it as X-CSRF-Token, which a page of another site cannot do. After a reload,
 * GET /api/v1/user/session answers the CSRF token again while the cookie is a session —
 * so the console stays signed in without any token in localStorage or sessionStorage.
 */

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken: string | null = null;

export const session = {
  /** `fetch` credentials mode for API requests: the cookie goes with requests of this origin. */
  credentials: 'same-origin' as RequestCredentials,

  /** Adds the session's CSRF token to API requests that change something. */
  authorize(request: Request): Request {
    if (csrfToken && WRITES.has(request.method)) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },

  /** Keeps the CSRF token of a new (or resumed) session; null: the answer was no cookie session. */
  establish(answer: { csrfToken: string | null }): boolean {
    csrfToken = answer.csrfToken;
    return csrfToken !== null;
  },

  /** Forgets the session (after sign-out, or when the API says it ended). */
  clear(): void {
    csrfToken = null;
  },

  /** What a person should know about where the session lives (shown on the sign-in page). */
  note: 'You stay signed in in this browser until you sign out or the session expires; the session is kept in a cookie no script can read.',

  get active(): boolean {
    return csrfToken !== null;
  },
};
