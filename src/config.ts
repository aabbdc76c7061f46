import { resolve } from 'node:path';
import { z } from 'zod';
import { dataDirSecretKey, parseSecretKeys, SecretBox, type SecretKey } from './core/secret-box';

/**
 * Environment → typed configuration, validated once at start-up so a typo in a
 * variable is one clear line instead of a failure deep inside a request.
 */
const booleanish = z.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off']).transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().default('./.mono/data'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MONO_DEMO: booleanish.default(true),
  /** The tenant whose users may act as platform operators. */
  PLATFORM_TENANT: z.string().default('platform'),
  /** Public routes also find their tenant from the host name <identifier>.<TENANT_DOMAIN>. */
  TENANT_DOMAIN: z.string().default('localhost'),
  /** Behind a reverse proxy: trust X-Forwarded-For for client IPs (audit, rate limits). */
  TRUST_PROXY: booleanish.default(false),
  /** Public base URL, for links in emails and calendar feeds. */
  PUBLIC_URL: z.string().url().optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Longest wait for a pooled database connection before answering 503 DATABASE_UNAVAILABLE (0: forever). */
  DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(0).default(5000),
  /** Longest statement the API runs before PostgreSQL cancels it: 503 QUERY_TIMEOUT (0: none). */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /** Longest time a client may take to send a whole request (headers and body): then 408 (0: none). */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 14),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .positive()
    .default(60 * 24 * 2),
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(25 * 1024 * 1024),
  JOBS: booleanish.default(true),
  /** Live updates (GET /api/v1/user/events): streams one person may hold open in one API process; one more is refused with 429. */
  EVENT_STREAMS_PER_USER: z.coerce.number().int().min(1).max(100).default(5),
  /** A stream that had nothing to tell for this long ends (the client reconnects and resumes). */
  EVENT_STREAM_IDLE_SECONDS: z.coerce.number().positive().max(86_400).default(300),
  /** How often every stream gets a heartbeat comment and its session is checked again. */
  EVENT_STREAM_HEARTBEAT_SECONDS: z.coerce.number().positive().max(3_600).default(25),
  /** smtp://user:pass@host:587 (STARTTLS when offered; ?requireTLS=true insists) or smtps://…:465 (TLS). Unset: mail is printed to the log. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/?#\s]+/, 'must be an smtp:// or smtps:// URL with a host')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The sender of every message: an address, or "Name <address>". */
  MAIL_FROM: z
    .string()
    .regex(/^([^<>]*<)?[^@\s<>]+@[^@\s<>]+>?$/, 'must be an e-mail address or "Name <address>"')
    .default('Mono <no-reply@localhost>'),
  /** Keys that encrypt secrets at rest: "id:base64(32 bytes)[,id:base64…]", the first encrypts. Unset: one kept in DATA_DIR/secrets.key. */
  SECRETS_KEYS: z.string().optional(),
  /**
   * The installation's audit key (base64 of 32 random bytes): the audit trail's values
   * digests and erasure seals are HMACs under it. Never rotated (a digest must verify for
   * as long as its entry exists). Unset: one kept in DATA_DIR/audit.key.
   */
  AUDIT_KEY: z.string().optional(),
  /** Domain events and webhook deliveries are kept at least this many days (job events.prune, `mono partitions prune`). */
  EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Development and tests only: let webhooks target loopback addresses (and plain http there). */
  WEBHOOKS_ALLOW_LOOPBACK: booleanish.default(false),
});

export type Config = ReturnType<typeof loadConfig>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`configuration: ${issue.path.join('.')} ${issue.message}`);
  }
  const c = parsed.data;
  let secretKeys: SecretKey[] | undefined;
  let auditKey: Buffer | undefined;
  try {
    secretKeys = c.SECRETS_KEYS ? parseSecretKeys(c.SECRETS_KEYS) : undefined;
    auditKey = c.AUDIT_KEY ? Buffer.from(c.AUDIT_KEY.trim(), 'base64') : undefined;
    if (auditKey && auditKey.length !== 32) throw new Error('AUDIT_KEY must be the base64 of 32 random bytes');
  } catch (error) {
    throw new ConfigError(`configuration: ${(error as Error).message}`);
  }
  return {
    databaseUrl: c.DATABASE_URL,
    dataDir: resolve(c.DATA_DIR),
    host: c.HOST,
    port: c.PORT,
    logLevel: c.LOG_LEVEL,
    demo: c.MONO_DEMO,
    platformTenant: c.PLATFORM_TENANT,
    tenantDomain: c.TENANT_DOMAIN,
    trustProxy: c.TRUST_PROXY,
    publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    dbPoolSize: c.DB_POOL_SIZE,
    dbAcquireTimeoutMs: c.DB_ACQUIRE_TIMEOUT_MS,
    dbStatementTimeoutMs: c.DB_STATEMENT_TIMEOUT_MS,
    requestTimeoutMs: c.REQUEST_TIMEOUT_MS,
    sessionTtlMs: c.SESSION_TTL_HOURS * 3600_000,
    sessionIdleMs: c.SESSION_IDLE_MINUTES * 60_000,
    storage: {
      driver: c.STORAGE_DRIVER,
      s3: {
        bucket: c.S3_BUCKET,
        region: c.S3_REGION,
        endpoint: c.S3_ENDPOINT,
        accessKeyId: c.S3_ACCESS_KEY_ID,
        secretAccessKey: c.S3_SECRET_ACCESS_KEY,
      },
    },
    maxUploadBytes: c.MAX_UPLOAD_BYTES,
    jobs: c.JOBS,
    eventStreams: {
      perUser: c.EVENT_STREAMS_PER_USER,
      idleMs: c.EVENT_STREAM_IDLE_SECONDS * 1000,
      heartbeatMs: c.EVENT_STREAM_HEARTBEAT_SECONDS * 1000,
    },
    mail: { smtpUrl: c.SMTP_URL, from: c.MAIL_FROM },
    secretKeys,
    auditKey,
    webhooks: { allowLoopback: c.WEBHOOKS_ALLOW_LOOPBACK },
    eventsRetentionDays: c.EVENTS_RETENTION_DAYS,
  };
}

const boxes = new WeakMap<object, SecretBox>();

/** The secret box of a configuration: its SECRETS_KEYS, or the key kept in its data directory. */
export function secretBox(config: Pick<Config, 'secretKeys' | 'dataDir'>): SecretBox {
  let box = boxes.get(config);
  if (!box) {
    box = new SecretBox(config.secretKeys ?? [dataDirSecretKey(config.dataDir)]);
    boxes.set(config, box);
  }
  return box;
}

/** The installation's audit key: AUDIT_KEY, or the key kept in DATA_DIR/audit.key (created on first use). */
export function auditKeyOf(config: Pick<Config, 'auditKey' | 'dataDir'>): Buffer {
  return config.auditKey ?? dataDirSecretKey(config.dataDir, 'audit.key').key;
}
