import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isUuid } from '../../core/ids';

/**
 * Opaque bearer tokens bound to a tenant: `<prefix>_` + base64url(tenant uuid ‖ 32
 * random bytes). The tenant part routes the lookup (the session is then found by hash
 * under that tenant's RLS — no cross-tenant lookup, and Citus can route it); the 256
 * random bits are the secret. Only SHA-256(token) is stored.
 */
export type TokenPrefix = 'mses' | 'mver' | 'mrst' | 'mcal' | 'mkey';

export interface IssuedToken {
  token: string;
  hash: Buffer;
}

const uuidToBytes = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');

function bytesToUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const hashToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

export function issueToken(prefix: TokenPrefix, tenantId: string): IssuedToken {
  const token = `${prefix}_${Buffer.concat([uuidToBytes(tenantId), randomBytes(32)]).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

/** The tenant a token claims, or null when it is not one of ours (then: 401). */
export function tokenTenant(token: string, prefix: TokenPrefix): string | null {
  if (token.length !== prefix.length + 1 + 64 || !token.startsWith(`${prefix}_`)) return null;
  const bytes = Buffer.from(token.slice(prefix.length + 1), 'base64url');
  if (bytes.length !== 48) return null;
  const tenantId = bytesToUuid(bytes.subarray(0, 16));
  return isUuid(tenantId) ? tenantId : null;
}

/**
 * The CSRF token of a cookie session: derived from the session token (a keyed hash with
 * its own label), so it is bound to that session, changes with it, needs no storage,
 * and does not reveal the session token to the script that holds it.
 */
export const csrfTokenFor = (sessionToken: string): string => createHmac('sha256', 'mono csrf token v1').update(sessionToken, 'utf8').digest('base64url');

/** Whether `candidate` is the CSRF token of the session (constant-time). */
export function csrfTokenMatches(sessionToken: string, candidate: unknown): boolean {
  if (typeof candidate !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const given = Buffer.from(candidate);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
