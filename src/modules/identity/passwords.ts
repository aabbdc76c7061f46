import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../core/errors';
import { parseLegacyHash } from './legacy-hashes';

/**
 * argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane): about
 * 30–50 ms per hash here — slow for guessing, fine for a sign-in.
 */
// algorithm 2 = Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax)
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2);

/**
 * Checks a password against a stored hash: Mono's own argon2id, or a hash imported from
 * another system as it was (legacy-hashes.ts: bcrypt, scrypt, PBKDF2, argon2 i/d/id).
 */
export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  if (!hashed.startsWith('$argon2')) return (await parseLegacyHash(hashed)?.verify(password)) ?? false;
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

const CURRENT_PREFIX = `$argon2id$v=19$m=${ARGON2.memoryCost},t=${ARGON2.timeCost},p=${ARGON2.parallelism}$`;

/** True when a hash is not argon2id with today's parameters: an imported one, re-hashed at the first sign-in. */
export const passwordNeedsRehash = (hashed: string) => !hashed.startsWith(CURRENT_PREFIX);

/**
 * Compared against when the user does not exist, so an unknown e-mail costs as much
 * time as a wrong password and timing does not tell which it was.
 */
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('mono-dummy-password-for-constant-time');
  await verifyPassword(await dummyHash, password);
}

const COMMON = new Set([
  'password',
  'password1',
  'password123',
  '123456789',
  '1234567890',
  'qwertyuiop',
  'iloveyou',
  'letmein123',
  'welcome123',
  'admin12345',
  'passw0rd',
  'qwerty123',
  'abc123456',
  'monkey123',
  'dragon123',
  'football1',
]);

/**
 * The strength rule, in words a person can act on: at least 10 characters with three of
 * lower case, upper case, digits and symbols — or a passphrase of 16 characters or more;
 * not a well-known password, not the e-mail address; at most 256 characters.
 */
export function passwordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  if (password.length > 256) problems.push('must be at most 256 characters');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (password.length < 10) problems.push('must be at least 10 characters long');
  else if (password.length < 16 && classes < 3) {
    problems.push('needs three of: lower-case letters, upper-case letters, digits, symbols (or use a passphrase of 16+ characters)');
  }
  if (new Set(password).size < 4) problems.push('must use more than a few different characters');
  if (COMMON.has(password.toLowerCase())) problems.push('is a well-known password');
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) problems.push('must not contain your e-mail address');
  return problems;
}

export function assertStrongPassword(password: string, email?: string, field = 'password'): void {
  const problems = passwordProblems(password, email);
  if (problems.length) {
    throw new AppError('WEAK_PASSWORD', `The password ${problems.join('; ')}`, {
      errors: problems.map((message) => ({ path: field, message: `The password ${message}` })),
    });
  }
}
