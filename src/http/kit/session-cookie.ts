/**
 * The console's session cookie (POST /api/v1/public/auth/session): the same session
 * token a bearer sign-in answers, kept by the browser where no script can read it —
 * HttpOnly, SameSite=Strict, Path=/api, Secure when the request came over https.
 * Requests it authenticates that change something also carry X-CSRF-Token (app/auth.ts).
 */
export const SESSION_COOKIE = 'mono_session';
export const CSRF_HEADER = 'x-csrf-token';

const SESSION_TOKEN = /^[A-Za-z0-9_-]{1,200}$/;

/** The session token of the Cookie header, or undefined (absent or not shaped like a token). */
export function sessionCookieOf(cookieHeader: string | string[] | undefined): string | undefined {
  const header = Array.isArray(cookieHeader) ? cookieHeader.join('; ') : cookieHeader;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    return SESSION_TOKEN.test(value) ? value : undefined;
  }
  return undefined;
}

const attributes = (secure: boolean) => `Path=/api; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;

/** Set-Cookie for a session that ends at `expiresAt`. */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return `${SESSION_COOKIE}=${token}; Max-Age=${maxAge}; Expires=${expiresAt.toUTCString()}; ${attributes(secure)}`;
}

/** Set-Cookie that makes the browser forget the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; ${attributes(secure)}`;
}
