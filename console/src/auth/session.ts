/**
 * How the console holds its session — the only file that knows.
 *
 * Today: the bearer token that POST /api/v1/public/auth/login answers, kept in this
 * module's memory only (never localStorage or sessionStorage, where any script on the
 * page could read it). A reload therefore signs out.
 *
 * When the API offers an HttpOnly, SameSite cookie session with CSRF protection, only
 * this file changes: `establish` keeps nothing (the browser holds the cookie),
 * `authorize` adds the CSRF header instead of Authorization, `credentials` becomes
 * 'same-origin' for every request, and `resume` asks GET /api/v1/user/me whether the
 * cookie is still a session — so a reload keeps the person signed in.
 */

let token: string | null = null;

export const session = {
  /** `fetch` credentials mode for API requests. */
  credentials: 'omit' as RequestCredentials,

  /** Adds the session's credentials to an API request. */
  authorize(request: Request): Request {
    if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },

  /** Keeps what a successful sign-in answered. */
  establish(login: { token: string }): void {
    token = login.token;
  },

  /** On start-up: is there a session to resume without signing in? */
  async resume(): Promise<boolean> {
    return token !== null;
  },

  /** Forgets the session (after sign-out, or when the API says it ended). */
  clear(): void {
    token = null;
  },

  /** What a person should know about where the session lives (shown on the sign-in page). */
  note: 'Your session is kept in this tab only: a reload signs you out.',

  get active(): boolean {
    return token !== null;
  },
};
