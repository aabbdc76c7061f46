import { pbkdf2, scrypt, timingSafeEqual } from 'node:crypto';
import { verify as argon2Verify } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';

/**
 * Password hashes brought in from another system (`mono import`, docs/import.md), kept
 * as they are until the person's first successful sign-in, which re-hashes the password
 * with argon2id (sign-in.ts). The accepted formats — one per scheme, all self-describing:
 *
 *   bcrypt   $2a$|$2b$|$2y$<cost>$<22 chars salt><31 chars hash>           (crypt(3) form)
 *   scrypt   $scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt base64>$<key base64>   (passlib form)
 *   PBKDF2   $pbkdf2-sha256$<iterations>$<salt b64>$<key b64>              (passlib; "." for "+" accepted)
 *            $pbkdf2-sha512$…                                              (same, SHA-512)
 *            pbkdf2_sha256$<iterations>$<salt text>$<key base64>           (Django)
 *   argon2   $argon2i$ / $argon2d$ / $argon2id$v=19$m=…,t=…,p=…$<salt>$<hash> (PHC string)
 *
 * Parameters are bounded so that a hostile import file cannot make a sign-in burn
 * minutes of CPU or gigabytes of memory.
 */
export type LegacyScheme = 'bcrypt' | 'scrypt' | 'pbkdf2-sha256' | 'pbkdf2-sha512' | 'argon2';

interface Parsed {
  scheme: LegacyScheme;
  verify(password: string): Promise<boolean>;
}

const B64 = /^[A-Za-z0-9+/.]+={0,2}$/;
/** passlib's "adapted base64" uses "." for "+" and leaves out the padding. */
const fromB64 = (s: string) => Buffer.from(s.replace(/\./g, '+'), 'base64');

const MAX_PBKDF2_ITERATIONS = 2_000_000;
const MAX_SCRYPT_LOG_N = 20;
const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;

function equal(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function pbkdf2Verify(digest: 'sha256' | 'sha512', iterations: number, salt: Buffer, key: Buffer) {
  return (password: string) =>
    new Promise<boolean>((resolve) => pbkdf2(password, salt, iterations, key.length, digest, (error, derived) => resolve(!error && equal(derived, key))));
}

/** The scheme of a stored hash and how to check a password against it; undefined: not a format we know. */
export function parseLegacyHash(hash: string): Parsed | undefined {
  if (/^\$2[aby]\$(0[4-9]|1[0-5])\$[./A-Za-z0-9]{53}$/.test(hash)) {
    // bcryptjs knows $2a$ and $2b$; $2y$ (PHP) is the same algorithm under another name.
    const normalised = hash.replace(/^\$2y\$/, '$2b$');
    return { scheme: 'bcrypt', verify: (password) => bcrypt.compare(password, normalised) };
  }
  let m = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([^$]+)\$([^$]+)$/.exec(hash);
  if (m) {
    const [logN, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const [salt, key] = [m[4]!, m[5]!];
    const N = 2 ** logN;
    const maxmem = 128 * N * r * 2;
    if (logN < 1 || logN > MAX_SCRYPT_LOG_N || r < 1 || p < 1 || maxmem > MAX_SCRYPT_MEMORY || !B64.test(salt) || !B64.test(key)) return undefined;
    const expected = fromB64(key);
    if (expected.length < 16 || expected.length > 128) return undefined;
    return {
      scheme: 'scrypt',
      verify: (password) =>
        new Promise((resolve) =>
          scrypt(password, fromB64(salt), expected.length, { N, r, p, maxmem }, (error, derived) => resolve(!error && equal(derived, expected))),
        ),
    };
  }
  m = /^\$pbkdf2-(sha256|sha512)\$(\d{1,7})\$([^$]+)\$([^$]+)$/.exec(hash) ?? null;
  if (m) {
    const iterations = Number(m[2]);
    if (iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS || !B64.test(m[3]!) || !B64.test(m[4]!)) return undefined;
    const key = fromB64(m[4]!);
    if (key.length < 16 || key.length > 128) return undefined;
    const digest = m[1] as 'sha256' | 'sha512';
    return { scheme: `pbkdf2-${digest}`, verify: pbkdf2Verify(digest, iterations, fromB64(m[3]!), key) };
  }
  m = /^pbkdf2_(sha256|sha512)\$(\d{1,7})\$([^$]{1,200})\$([A-Za-z0-9+/]+={0,2})$/.exec(hash);
  if (m) {
    const iterations = Number(m[2]);
    if (iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) return undefined;
    const key = Buffer.from(m[4]!, 'base64');
    if (key.length < 16 || key.length > 128) return undefined;
    const digest = m[1] as 'sha256' | 'sha512';
    return { scheme: `pbkdf2-${digest}`, verify: pbkdf2Verify(digest, iterations, Buffer.from(m[3]!, 'utf8'), key) };
  }
  m = /^\$argon2(i|d|id)\$v=(16|19)\$m=(\d{1,8}),t=(\d{1,3}),p=(\d{1,2})\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.exec(hash);
  if (m) {
    const memoryKiB = Number(m[3]);
    if (memoryKiB > 262_144 || Number(m[4]) < 1 || Number(m[5]) < 1) return undefined;
    return {
      scheme: 'argon2',
      verify: async (password) => {
        try {
          return await argon2Verify(hash, password);
        } catch {
          return false;
        }
      },
    };
  }
  return undefined;
}

/** A problem with a hash to import, in words for the import report; undefined when it is fine. */
export function legacyHashProblem(hash: string): string | undefined {
  return parseLegacyHash(hash)
    ? undefined
    : 'is not a password hash in a supported format (bcrypt $2a$/$2b$/$2y$, $scrypt$, $pbkdf2-sha256$/$pbkdf2-sha512$, pbkdf2_sha256$ (Django), $argon2i$/$argon2d$/$argon2id$); see docs/import.md';
}
