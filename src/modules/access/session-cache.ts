import { isUuid } from '../../core/ids';
import { listenForNotices } from '../../db/citus-signals';
import type { Database } from '../../db/client';
import type { SessionRow } from './session-repository';

/** What the database tells every process when something a cached session depends on changes (definition 084). */
export const AUTH_CHANGES_CHANNEL = 'mono_auth';

interface Entry {
  row: Omit<SessionRow, 'account_exists'>;
  /** Accounts of the tenant seen to exist with this session (for /account/{accountId} routes). */
  accounts: Set<string>;
  /** The session's own expiry and the entry's, ms since the epoch. */
  expiresAt: number;
  until: number;
}

/**
 * Authenticated sessions, per process, so that the common request skips the session
 * lookup round trip. What makes it safe:
 *
 * - **Every transaction of a request served from here checks the session again**, in
 *   the same round trip as its own statements (ctx.sessionGuard → mono.session_guard):
 *   revoked, expired, idle, a deactivated user, a closed tenant or a deleted account fail
 *   the request with 401 at once, in every process, whatever this cache holds.
 * - What the guard does not check — the tenant's authorization version, which keys the
 *   permission cache — is kept current by LISTEN/NOTIFY: the database notifies channel
 *   `mono_auth` with the tenant's id at the commit of any change to sessions, users,
 *   tenants, accounts or the authorization version (definition 084), and the process
 *   forgets everything it cached for that tenant.
 * - Only while listening: until the subscription stands, and from the moment its
 *   connection drops until it stands again, nothing is cached or served (a notification
 *   may have been missed), and everything is forgotten on the drop. A lookup that was
 *   under way when its tenant was forgotten does not store its (possibly stale) answer.
 * - Entries live `ttlMs` (30 s): then the full lookup runs again, which also refreshes
 *   the session's last_used_at (it does so at most once a minute anyway).
 */
export class SessionCache {
  private readonly tenants = new Map<string, Map<string, Entry>>();
  /** Bumped per tenant when it is forgotten, and globally on every flush. */
  private readonly tenantEpochs = new Map<string, number>();
  private epoch = 0;
  private live = false;
  private size = 0;
  private unsubscribe?: () => Promise<void>;
  private retry?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly db: Database,
    private readonly options: { ttlMs?: number; maxEntries?: number; retryMs?: number; now?: () => number } = {},
  ) {}

  /** Subscribes; resolves when the cache is live (or retries in the background when it cannot listen). */
  async start(): Promise<void> {
    if (this.closed) return;
    try {
      this.unsubscribe = await listenForNotices(
        this.db,
        AUTH_CHANGES_CHANNEL,
        (payload) => this.forgetTenant(payload),
        () => this.lost(),
      );
      this.flush();
      this.live = !this.closed;
    } catch {
      this.lost();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.live = false;
    clearTimeout(this.retry);
    this.flush();
    await this.unsubscribe?.();
  }

  /** Whether answers are being cached now (listening). */
  get listening(): boolean {
    return this.live;
  }

  /** A token for put(): taken before the lookup, it tells whether the tenant was forgotten meanwhile. */
  stamp(tenantId: string): string {
    return `${this.epoch}:${this.tenantEpochs.get(tenantId) ?? 0}`;
  }

  /** The cached session of a token hash (hex), if valid; with `accountId`, only if that account was seen to exist. */
  get(tenantId: string, tokenHash: string, accountId?: string): Omit<SessionRow, 'account_exists'> | undefined {
    if (!this.live) return undefined;
    const entry = this.tenants.get(tenantId)?.get(tokenHash);
    if (!entry) return undefined;
    const now = this.now();
    if (entry.until <= now || entry.expiresAt <= now) {
      this.tenants.get(tenantId)!.delete(tokenHash);
      this.size--;
      return undefined;
    }
    if (accountId !== undefined && !entry.accounts.has(accountId)) return undefined;
    return entry.row;
  }

  /** Remembers a successful lookup, unless the tenant was forgotten since `stamp`. */
  put(tenantId: string, tokenHash: string, row: SessionRow, stamp: string, accountId?: string): void {
    if (!this.live || stamp !== this.stamp(tenantId)) return;
    let sessions = this.tenants.get(tenantId);
    if (!sessions) this.tenants.set(tenantId, (sessions = new Map()));
    const existing = sessions.get(tokenHash);
    const accounts = existing && existing.row.session_id === row.session_id ? existing.accounts : new Set<string>();
    if (accountId !== undefined && row.account_exists) accounts.add(accountId);
    if (!existing) {
      if (this.size >= (this.options.maxEntries ?? 10_000)) this.flush();
      this.size++;
      // flush() may have dropped the tenant's map
      if (!this.tenants.has(tenantId)) this.tenants.set(tenantId, sessions);
    }
    const { account_exists: _, ...rest } = row;
    const until = existing && existing.row.session_id === row.session_id ? existing.until : this.now() + (this.options.ttlMs ?? 30_000);
    sessions.set(tokenHash, { row: rest, accounts, expiresAt: row.expires_ms, until });
  }

  /** Forgets a tenant's sessions (a notification), or everything when the payload is not a tenant id. */
  forgetTenant(tenantId: string): void {
    if (!isUuid(tenantId)) {
      this.flush();
      return;
    }
    this.tenantEpochs.set(tenantId, (this.tenantEpochs.get(tenantId) ?? 0) + 1);
    this.size -= this.tenants.get(tenantId)?.size ?? 0;
    this.tenants.delete(tenantId);
  }

  private flush(): void {
    this.epoch++;
    this.tenants.clear();
    this.tenantEpochs.clear();
    this.size = 0;
  }

  private lost(): void {
    this.live = false;
    this.flush();
    if (this.closed) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.start(), this.options.retryMs ?? 1_000);
    this.retry.unref();
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
