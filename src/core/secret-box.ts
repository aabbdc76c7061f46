import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Secrets at rest (TOTP secrets, and whatever else must be readable again but not by
 * whoever reads the database or a backup): AES-256-GCM under a key from configuration.
 *
 *   stored = "enc:v1:<key id>:<base64url(iv ‖ ciphertext ‖ tag)>"
 *
 * Keys come from SECRETS_KEYS ("id:base64 of 32 bytes", comma-separated; the first one
 * encrypts, all of them decrypt — rotation is: put a new key first, keep the old ones
 * until `mono backfill secrets-reencrypt` has run). Without SECRETS_KEYS, Mono generates
 * one key and keeps it in DATA_DIR/secrets.key (mode 0600): fine for one machine; several
 * API processes on different machines must share SECRETS_KEYS.
 * A value without the prefix is a secret stored before encryption: read as it is.
 */
export interface SecretKey {
  id: string;
  key: Buffer;
}

const PREFIX = 'enc:v1:';

export class SecretBox {
  constructor(private readonly keys: readonly SecretKey[]) {
    if (!keys.length) throw new Error('a secret box needs at least one key');
  }

  get activeKeyId(): string {
    return this.keys[0]!.id;
  }

  seal(plain: string): string {
    const { id, key } = this.keys[0]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(id));
    const body = Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${PREFIX}${id}:${body.toString('base64url')}`;
  }

  open(stored: string): string {
    if (!stored.startsWith(PREFIX)) return stored;
    const [id, data] = stored.slice(PREFIX.length).split(':') as [string, string | undefined];
    const key = this.keys.find((k) => k.id === id)?.key;
    if (!key || !data) throw new Error(`secret sealed with key "${id}", which is not configured (SECRETS_KEYS)`);
    const body = Buffer.from(data, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, 12));
    decipher.setAAD(Buffer.from(id));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(12, body.length - 16)), decipher.final()]).toString('utf8');
  }

  /**
   * A signature of `data` for links that must not be forged (one-click unsubscribe):
   * "<key id>.<base64url HMAC-SHA256>" under a key derived from the encrypting key (never
   * the encryption key itself). Every configured key verifies, so rotation keeps links working.
   */
  sign(data: string): string {
    const { id, key } = this.keys[0]!;
    return `${id}.${macOf(key, data).toString('base64url')}`;
  }

  /** Whether `signature` is sign(data) under one of the configured keys. */
  verify(data: string, signature: string): boolean {
    const dot = signature.indexOf('.');
    const key = this.keys.find((k) => k.id === signature.slice(0, dot))?.key;
    if (dot < 1 || !key) return false;
    const given = Buffer.from(signature.slice(dot + 1), 'base64url');
    const expected = macOf(key, data);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Whether a stored value is sealed with the key that encrypts now (else: re-encrypt it). */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`${PREFIX}${this.activeKeyId}:`);
  }
}

function macOf(key: Buffer, data: string): Buffer {
  const signingKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'mono signed links v1', 32));
  return createHmac('sha256', signingKey).update(data, 'utf8').digest();
}

/** "id:base64,id:base64" → keys; a one-line error for a malformed entry. */
export function parseSecretKeys(value: string): SecretKey[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = entry.match(/^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/=_-]+)$/);
      const key = match ? Buffer.from(match[2]!, 'base64') : Buffer.alloc(0);
      if (!match || key.length !== 32) throw new Error(`SECRETS_KEYS: "${entry.split(':')[0]}" must be "<id>:<base64 of 32 random bytes>"`);
      return { id: match[1]!, key };
    });
}

/**
 * The key kept in the data directory (DATA_DIR/secrets.key, or another file `name`), created once. Two processes starting at the same
 * moment agree: the complete file is linked into place atomically, the loser reads the winner's.
 */
export function dataDirSecretKey(dataDir: string, name = 'secrets.key'): SecretKey {
  const file = join(dataDir, name);
  mkdirSync(dataDir, { recursive: true });
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, `local:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  try {
    linkSync(draft, file); // atomic: the complete file appears, or EEXIST
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  return parseSecretKeys(readFileSync(file, 'utf8'))[0]!;
}
