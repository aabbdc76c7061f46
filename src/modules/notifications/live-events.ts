import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, type RequestContext, requireActor, systemContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { isUuid } from '../../core/ids';
import { decodeCursor, encodeCursor } from '../../core/pagination';
import { listenForNotices } from '../../db/citus-signals';
import type { Database } from '../../db/client';
import { type TenantTx, withTenant } from '../../db/tenant-context';
import { AUTH_CHANGES_CHANNEL } from '../access';
import { horizon, liveCredentials, notificationsAfterPosition, type Position } from './live-repository';
import { presentNotification } from './read-notifications';
import { countUnread } from './repository';

/** What the database tells the API processes when a person's stream has something new (definition 094): ids only. */
export const LIVE_CHANNEL = 'mono_live';

type StreamContext = RequestContext & { tenantId: string; actor: Actor };

/** The conversations' side of a stream, handed in by the composition root (the marketplace's conversationFeed). */
export interface LiveConversations {
  messagesAfter(tx: TenantTx, ctx: StreamContext, after: Position, limit: number): Promise<{ txid: string; id: string; ready: boolean; message: unknown }[]>;
  unreadMessages(tx: TenantTx, ctx: StreamContext): Promise<number>;
}

export interface LiveEventOptions {
  /** Streams one person may hold in this process. */
  perUser: number;
  /** A stream with nothing to tell for this long ends. */
  idleMs: number;
  /** Heartbeat comments and the credential check, this often. */
  heartbeatMs: number;
  /** Rows per table and read (default 100). */
  batch?: number;
  /** Streams reading at once in this process (default 4): a notice to many people online at once queues their reads instead of exhausting the pool. */
  concurrency?: number;
  /** Listening again after the listening connection dropped (default 1 s). */
  retryMs?: number;
}

/** A stream ends when its client is this far behind (bytes buffered and not sent). */
const MAX_BUFFERED = 1024 * 1024;
/** Rows committed but not yet past the horizon (an older transaction still in flight): look again after this long. */
const PENDING_RETRY_MS = 200;
const NIL = '00000000-0000-0000-0000-000000000000';

/** Last-Event-ID: the position after the last notification and the last message the client saw. */
function encodePosition(p: { notifications: Position; messages: Position }): string {
  return encodeCursor([p.notifications.txid, p.notifications.id, p.messages.txid, p.messages.id]);
}

function decodePosition(value: string): { notifications: Position; messages: Position } {
  const parts = decodeCursor(value, 4);
  const ok = parts.every((v, i) => typeof v === 'string' && (i % 2 === 0 ? /^\d{1,20}$/.test(v) : isUuid(v) || v === NIL));
  if (!ok) throw new AppError('INVALID_CURSOR', 'Last-Event-ID is not the id of an event of this stream');
  const [nt, ni, mt, mi] = parts as string[];
  return { notifications: { txid: nt!, id: ni! }, messages: { txid: mt!, id: mi! } };
}

class Stream {
  running = false;
  again = false;
  closed = false;
  private lastUnread?: string;
  private idle?: NodeJS.Timeout;
  private retry?: NodeJS.Timeout;

  constructor(
    readonly hub: LiveEvents,
    readonly ctx: StreamContext,
    readonly out: ServerResponse,
    public position: { notifications: Position; messages: Position },
    /** The tenant's authorization version the stream's permissions hold for. */
    readonly version: number,
    /** false: answer what is there and end (a client that did not ask for text/event-stream). */
    readonly live: boolean,
  ) {}

  get credential(): { session?: string; apiKey?: string } {
    return this.ctx.actor.apiKeyId ? { apiKey: this.ctx.actor.apiKeyId } : { session: this.ctx.actor.sessionId };
  }

  /** Something may be new: read after the position (again, if a read is under way). */
  wake(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.pump();
  }

  private async pump(): Promise<void> {
    this.running = true;
    const limit = this.hub.batch;
    try {
      do {
        this.again = false;
        const { notifications, messages, unread } = await this.hub.inTurn(() =>
          withTenant(this.hub.db, this.ctx, async (tx) => ({
            notifications: await notificationsAfterPosition(tx, this.ctx.actor.userId, this.position.notifications, limit + 1),
            messages: await this.hub.conversations.messagesAfter(tx, this.ctx, this.position.messages, limit + 1),
            unread: { notifications: await countUnread(tx, this.ctx.actor.userId), messages: await this.hub.conversations.unreadMessages(tx, this.ctx) },
          })),
        );
        if (this.closed) return;
        const readyNotifications = notifications.filter((n) => n.ready);
        const readyMessages = messages.filter((m) => m.ready);
        const pending = readyNotifications.length < notifications.length || readyMessages.length < messages.length;
        if (readyNotifications.length > limit || readyMessages.length > limit) this.again = true;
        for (const n of readyNotifications.slice(0, limit)) {
          this.position = { ...this.position, notifications: { txid: n.txid, id: n.id } };
          this.send('notification', presentNotification(n));
        }
        for (const m of readyMessages.slice(0, limit)) {
          this.position = { ...this.position, messages: { txid: m.txid, id: m.id } };
          this.send('message', m.message);
        }
        const counts = JSON.stringify(unread);
        if (counts !== this.lastUnread) {
          this.lastUnread = counts;
          this.send('unread', unread);
        }
        if (pending && !this.again) {
          clearTimeout(this.retry);
          this.retry = setTimeout(() => this.wake(), PENDING_RETRY_MS);
        }
        if (this.out.writableLength > MAX_BUFFERED) this.end();
      } while (this.again && !this.closed);
      if (!this.live) this.end();
    } catch (error) {
      if (!this.closed) this.hub.log.warn({ err: error, userId: this.ctx.actor.userId }, 'live event stream ended by an error');
      this.end(); // the client reconnects and resumes from its Last-Event-ID
    } finally {
      this.running = false;
    }
  }

  private send(event: string, data: unknown): void {
    this.out.write(`id: ${encodePosition(this.position)}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    this.touch();
  }

  /** Something was told: the idle clock starts again. */
  touch(): void {
    if (!this.live) return;
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.end(), this.hub.options.idleMs);
    this.idle.unref();
  }

  heartbeat(): void {
    if (!this.closed && this.live) this.out.write(': keep-alive\n\n');
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idle);
    clearTimeout(this.retry);
    this.hub.remove(this);
    if (!this.out.writableEnded) this.out.end();
  }
}

/**
 * The live streams of one API process (GET /api/v1/user/events, docs/notifications.md
 * "Live updates"). The database tells every process, on channel `mono_live`, which
 * person has something new (ids only); the process wakes that person's streams, and each
 * reads what is new after its position through the tenant-scoped repositories, as the
 * person: notifications, messages of their conversations, unread counts. A stream's
 * position is its Last-Event-ID, so a client that reconnects resumes where it was; the
 * order is the commit order (txid, id), so nothing can appear behind a position.
 *
 * Streams end when their session or API key is revoked or expires, their person is
 * deactivated, their tenant closed or its authorization changed (checked on every
 * `mono_auth` notification and every heartbeat), when idle, when the client falls too far
 * behind, and when the process shuts down. A person holds at most `perUser` streams here.
 */
export class LiveEvents {
  private readonly streams = new Map<string, Map<string, Set<Stream>>>();
  private readonly unsubscribe: (() => Promise<void>)[] = [];
  private readonly sweeping = new Map<string, boolean>();
  private timer?: NodeJS.Timeout;
  private retry?: NodeJS.Timeout;
  private closed = false;
  private reading = 0;
  private readonly waiting: (() => void)[] = [];
  readonly batch: number;

  constructor(
    readonly db: Database,
    readonly conversations: LiveConversations,
    readonly options: LiveEventOptions,
    readonly log: FastifyBaseLogger,
  ) {
    this.batch = options.batch ?? 100;
  }

  /** Runs a stream's read when one of the `concurrency` turns is free. */
  async inTurn<T>(read: () => Promise<T>): Promise<T> {
    if (this.reading >= (this.options.concurrency ?? 4)) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.reading++;
    try {
      return await read();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.reading--;
    }
  }

  /** Subscribes to the database's notices and starts the heartbeat. */
  async start(): Promise<void> {
    this.timer = setInterval(() => this.beat(), this.options.heartbeatMs);
    this.timer.unref();
    await this.listen();
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    try {
      let lost = false;
      const onLost = () => {
        if (lost) return;
        lost = true;
        void this.stopListening().then(() => this.relisten());
      };
      this.unsubscribe.push(await listenForNotices(this.db, LIVE_CHANNEL, (payload) => this.notified(payload), onLost));
      this.unsubscribe.push(await listenForNotices(this.db, AUTH_CHANGES_CHANNEL, (tenantId) => void this.sweep(tenantId), onLost));
      // Whatever was told while not listening: every stream reads after its position.
      for (const stream of this.all()) stream.wake();
    } catch {
      await this.stopListening();
      this.relisten();
    }
  }

  private relisten(): void {
    if (this.closed) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.listen(), this.options.retryMs ?? 1_000);
    this.retry.unref();
  }

  private async stopListening(): Promise<void> {
    const all = this.unsubscribe.splice(0);
    await Promise.all(all.map((u) => u().catch(() => undefined)));
  }

  /** Ends every stream (their clients reconnect to another process) and stops listening. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    clearTimeout(this.retry);
    for (const stream of this.all()) stream.end();
    await this.stopListening();
  }

  /** How many streams are open in this process (for tests and health). */
  get size(): number {
    let n = 0;
    for (const users of this.streams.values()) for (const set of users.values()) n += set.size;
    return n;
  }

  /**
   * Opens a stream for the signed-in person of the request: reads where it starts
   * (Last-Event-ID, or now), then takes over the connection. With `Accept:
   * text/event-stream` it stays open; otherwise the answer is what there is now, and ends.
   */
  async open(request: FastifyRequest, reply: FastifyReply, lastEventId: string | undefined): Promise<void> {
    requireActor(request.ctx);
    const ctx = request.ctx as StreamContext;
    const live = /\btext\/event-stream\b/i.test(request.headers.accept ?? '');
    const given = lastEventId ? decodePosition(lastEventId) : undefined;
    if (live && this.countOf(ctx.tenantId, ctx.actor.userId) >= this.options.perUser) {
      throw new AppError('TOO_MANY_EVENT_STREAMS', undefined, { retryAfter: Math.ceil(this.options.heartbeatMs / 1000) });
    }
    // In the request's own transaction (which checks a cached session once more).
    const start = await withTenant(this.db, ctx, async (tx) => {
      const credentials = await liveCredentials(tx, ctx.actor.sessionId ? [ctx.actor.sessionId] : [], ctx.actor.apiKeyId ? [ctx.actor.apiKeyId] : []);
      const now = given ? undefined : await horizon(tx);
      const from = given ?? { notifications: { txid: now!, id: NIL }, messages: { txid: now!, id: NIL } };
      return { from, version: credentials.version };
    });
    if (live && this.countOf(ctx.tenantId, ctx.actor.userId) >= this.options.perUser) {
      throw new AppError('TOO_MANY_EVENT_STREAMS', undefined, { retryAfter: Math.ceil(this.options.heartbeatMs / 1000) });
    }
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-request-id': request.id,
      // Proxies (nginx) must pass each event on at once.
      'x-accel-buffering': 'no',
      ...(live ? { connection: 'keep-alive' } : {}),
    });
    out.write(live ? 'retry: 2000\n\n' : '\n');
    const stream = new Stream(this, { ...ctx, sessionGuard: undefined }, out, start.from, start.version, live);
    // A write to a connection that went away must end the stream, not the process.
    out.on('error', () => stream.end());
    if (live) {
      this.streamsOf(ctx.tenantId, ctx.actor.userId).add(stream);
      // The response closes when the client goes away (or the stream ends).
      out.on('close', () => stream.end());
      stream.touch();
      // The client may have gone while the stream was being opened.
      if (out.destroyed || request.raw.socket?.destroyed) stream.end();
    }
    stream.wake();
  }

  private countOf(tenantId: string, userId: string): number {
    return this.streams.get(tenantId)?.get(userId)?.size ?? 0;
  }

  private streamsOf(tenantId: string, userId: string): Set<Stream> {
    let users = this.streams.get(tenantId);
    if (!users) this.streams.set(tenantId, (users = new Map()));
    let set = users.get(userId);
    if (!set) users.set(userId, (set = new Set()));
    return set;
  }

  remove(stream: Stream): void {
    const users = this.streams.get(stream.ctx.tenantId);
    const set = users?.get(stream.ctx.actor.userId);
    if (!set?.delete(stream)) return;
    if (set.size === 0) users!.delete(stream.ctx.actor.userId);
    if (users!.size === 0) this.streams.delete(stream.ctx.tenantId);
  }

  private *all(): Generator<Stream> {
    for (const users of this.streams.values()) for (const set of users.values()) yield* [...set];
  }

  /** A notice on `mono_live`: wake the streams of that person in that tenant, nobody else's. */
  private notified(payload: string): void {
    let notice: { t?: unknown; u?: unknown };
    try {
      notice = JSON.parse(payload);
    } catch {
      return;
    }
    if (!isUuid(notice.t) || !isUuid(notice.u)) return;
    const set = this.streams.get(notice.t)?.get(notice.u);
    if (set) for (const stream of [...set]) stream.wake();
  }

  private beat(): void {
    for (const stream of this.all()) stream.heartbeat();
    for (const tenantId of [...this.streams.keys()]) void this.sweep(tenantId);
  }

  /**
   * Checks the credentials of a tenant's streams in one statement and ends those that
   * may not go on: revoked or expired session or API key, deactivated person, closed
   * tenant, or a changed authorization (the client reconnects with current permissions).
   */
  private async sweep(tenantId: string): Promise<void> {
    if (!isUuid(tenantId)) {
      for (const t of [...this.streams.keys()]) void this.sweep(t);
      return;
    }
    if (this.sweeping.has(tenantId)) {
      this.sweeping.set(tenantId, true); // once more when this one is done
      return;
    }
    this.sweeping.set(tenantId, false);
    try {
      do {
        this.sweeping.set(tenantId, false);
        const streams = [...(this.streams.get(tenantId)?.values() ?? [])].flatMap((set) => [...set]);
        if (!streams.length) break;
        const sessions = streams.flatMap((s) => s.credential.session ?? []);
        const apiKeys = streams.flatMap((s) => s.credential.apiKey ?? []);
        const state = await withTenant(this.db, systemContext(tenantId, 'live-events'), (tx) => liveCredentials(tx, sessions, apiKeys));
        for (const stream of streams) {
          const id = stream.credential.session ?? stream.credential.apiKey ?? '';
          if (!state.open || !state.live.has(id) || state.version !== stream.version) stream.end();
        }
      } while (this.sweeping.get(tenantId));
    } catch (error) {
      this.log.warn({ err: error, tenantId }, 'checking live event streams failed');
    } finally {
      this.sweeping.delete(tenantId);
    }
  }
}
