import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp, type MonoApp } from '../../src/app/app';
import { createTestTenant, describeHttp, login, signUp, type TestTenant, testConfig } from '../helpers/http';

type User = Awaited<ReturnType<typeof signUp>>;
interface SseEvent {
  id?: string;
  event: string;
  data: any;
}

const until = async (condition: () => boolean | Promise<boolean>, what: string, ms = 8_000) => {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`not reached in time: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** A Server-Sent Events client over a real HTTP connection, as a browser's EventSource reads it. */
class Sse {
  events: SseEvent[] = [];
  comments = 0;
  ended = false;
  status = 0;
  body: any;
  private readonly abort = new AbortController();

  static async open(app: MonoApp, token: string, headers: Record<string, string> = {}): Promise<Sse> {
    const sse = new Sse();
    const address = app.server.address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${address.port}/api/v1/user/events`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...headers },
      signal: sse.abort.signal,
    });
    sse.status = response.status;
    if (response.status !== 200) {
      sse.body = await response.json();
      sse.ended = true;
      return sse;
    }
    void sse.read(response.body!.getReader());
    return sse;
  }

  private async read(reader: ReadableStreamDefaultReader<Uint8Array>) {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event: Partial<SseEvent> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) this.comments++;
            else if (line.startsWith('id: ')) event.id = line.slice(4);
            else if (line.startsWith('event: ')) event.event = line.slice(7);
            else if (line.startsWith('data: ')) event.data = JSON.parse(line.slice(6));
          }
          if (event.event) this.events.push(event as SseEvent);
        }
      }
    } catch {
      // aborted
    }
    this.ended = true;
  }

  of(kind: string): SseEvent[] {
    return this.events.filter((e) => e.event === kind);
  }

  get lastId(): string | undefined {
    return this.events[this.events.length - 1]?.id;
  }

  close() {
    this.abort.abort();
  }
}

/** The events of a one-off (non-streaming) answer. */
function parseEvents(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .map((block) => {
      const event: Partial<SseEvent> = {};
      for (const line of block.split('\n')) {
        if (line.startsWith('id: ')) event.id = line.slice(4);
        else if (line.startsWith('event: ')) event.event = line.slice(7);
        else if (line.startsWith('data: ')) event.data = JSON.parse(line.slice(6));
      }
      return event as SseEvent;
    })
    .filter((e) => e.event);
}

describeHttp(
  'live updates over Server-Sent Events',
  (t) => {
    let a: TestTenant;
    let b: TestTenant;
    let owner: User;
    let alice: User;
    let bob: User;
    let carol: User; // tenant b
    let other: MonoApp; // a second API process on the same database
    let accountId: string;
    let listingId: string;
    let applicationId: string;
    const streams: Sse[] = [];
    const open = async (app: MonoApp, token: string, headers?: Record<string, string>) => {
      const sse = await Sse.open(app, token, headers);
      streams.push(sse);
      return sse;
    };
    const payloads: string[] = [];
    let stopListening: () => Promise<void>;

    beforeAll(async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      other = await buildApp({ db: t.db, config: t.config });
      await other.listen({ port: 0, host: '127.0.0.1' });
      stopListening = await t.db.listen('mono_live', (p) => payloads.push(p));
      [a, b] = await Promise.all([createTestTenant(t.app, 'live-a'), createTestTenant(t.app, 'live-b')]);
      [owner, alice, bob, carol] = await Promise.all([signUp(a, 'owner'), signUp(a, 'alice'), signUp(a, 'bob'), signUp(b, 'carol')]);
      const created = await a.adminClient.post('/api/v1/tenant/accounts', {
        identifier: 'studio',
        name: 'Studio',
        type: 'AGENCY',
        ownerId: owner.id,
        plan: 'pro',
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      accountId = created.body.id;
      const draft = await owner.client.post(`/api/v1/account/${accountId}/listings`, {
        type: 'GIG',
        title: 'Live show',
        description: 'One evening.',
        price: '100.00',
        priceType: 'FIXED',
        currency: 'EUR',
        location: { city: 'Vienna', country: 'AT' },
      });
      expect(draft.status, JSON.stringify(draft.body)).toBe(201);
      listingId = draft.body.id;
      expect((await owner.client.post(`/api/v1/account/${accountId}/listings/${listingId}/transition`, { action: 'publish' })).status).toBe(200);
    }, 120_000);

    afterAll(async () => {
      for (const s of streams) s.close();
      await stopListening?.();
      await other?.close();
    });

    it('tells each person their own notifications, messages and unread counts, in every process, and nobody else', async () => {
      const aliceHere = await open(t.app, alice.token);
      const aliceThere = await open(other, alice.token);
      const ownerThere = await open(other, owner.token);
      const bobHere = await open(t.app, bob.token);
      const carolHere = await open(t.app, carol.token);
      for (const s of [aliceHere, aliceThere, ownerThere, bobHere, carolHere]) {
        expect(s.status).toBe(200);
        await until(() => s.of('unread').length === 1, 'first unread');
      }
      expect(aliceHere.of('unread')[0]!.data).toEqual({ notifications: 0, messages: 0 });

      // Alice applies (in the first process): the account's owner, streaming from the other one, is told.
      const applied = await alice.client.post('/api/v1/user/applications', { listingId, coverLetter: 'Count me in' });
      expect(applied.status, JSON.stringify(applied.body)).toBe(201);
      applicationId = applied.body.id;
      await until(() => ownerThere.of('notification').length === 1, 'owner told of the application');
      expect(ownerThere.of('notification')[0]!.data).toMatchObject({ kind: 'application.submitted', title: 'New application to Live show', read: false });
      await until(() => ownerThere.of('unread').at(-1)!.data.notifications === 1, 'owner unread count');

      // The owner answers: Alice's streams in both processes get the message and its notice.
      const sent = await owner.client.post(`/api/v1/account/${accountId}/applications/${applicationId}/messages`, { body: 'Welcome aboard, Alice' });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      for (const s of [aliceHere, aliceThere]) {
        await until(() => s.of('message').length === 1 && s.of('notification').length === 1, 'alice told of the message');
        expect(s.of('message')[0]!.data).toMatchObject({ id: sent.body.id, applicationId, senderId: owner.id, body: 'Welcome aboard, Alice' });
        expect(s.of('notification')[0]!.data).toMatchObject({ kind: 'message.new' });
        await until(() => s.of('unread').at(-1)!.data.messages === 1, 'alice unread messages');
      }
      // The owner's own message reaches the owner's stream too (another device of theirs), not counted unread.
      await until(() => ownerThere.of('message').length === 1, 'owner sees the conversation');
      expect(ownerThere.of('unread').at(-1)!.data.messages).toBe(0);

      // Reading moves the counts, in every stream of the person.
      expect((await alice.client.post(`/api/v1/user/applications/${applicationId}/messages/read`, {})).status).toBe(200);
      expect((await alice.client.post('/api/v1/user/notifications/read-all', {})).status).toBe(200);
      for (const s of [aliceHere, aliceThere]) await until(() => JSON.stringify(s.of('unread').at(-1)!.data) === '{"notifications":0,"messages":0}', 'read');

      // Bob (same tenant) and Carol (another tenant) heard nothing but their own counts.
      for (const s of [bobHere, carolHere]) {
        expect(s.events.map((e) => e.event)).toEqual(['unread']);
        expect(s.ended).toBe(false);
      }
      for (const s of [aliceHere, aliceThere, ownerThere, bobHere, carolHere]) s.close();
    });

    it('tells the processes only ids over NOTIFY, never content', async () => {
      expect(payloads.length).toBeGreaterThan(0);
      for (const payload of payloads) {
        const notice = JSON.parse(payload);
        expect(Object.keys(notice).sort()).toEqual(notice.k === 'unread' ? ['k', 't', 'u'] : ['id', 'k', 't', 'u']);
        expect(['notification', 'message', 'unread']).toContain(notice.k);
        expect(payload).not.toMatch(/Welcome|Live show|Count me in/);
      }
    });

    it('resumes after Last-Event-ID from the database: what came while away, nothing twice', async () => {
      const first = await open(t.app, alice.token);
      await until(() => first.of('unread').length === 1, 'first unread');
      const since = first.lastId!;
      first.close();
      await until(() => first.ended, 'closed');
      const one = await owner.client.post(`/api/v1/account/${accountId}/applications/${applicationId}/messages`, { body: 'One' });
      const two = await owner.client.post(`/api/v1/account/${accountId}/applications/${applicationId}/messages`, { body: 'Two' });
      expect([one.status, two.status]).toEqual([201, 201]);

      // EventSource sends Last-Event-ID when it reconnects — here to the other process.
      const resumed = await open(other, alice.token, { 'last-event-id': since });
      await until(() => resumed.of('message').length === 2 && resumed.of('notification').length === 2, 'missed events replayed');
      expect(resumed.of('message').map((e) => e.data.body)).toEqual(['One', 'Two']);
      const position = resumed.lastId!;
      resumed.close();

      // Without Accept: text/event-stream the answer is what is there after the position, and ends.
      const none = await alice.client.get('/api/v1/user/events', { 'last-event-id': position });
      expect(none.status).toBe(200);
      expect(none.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(parseEvents(none.raw.body).map((e) => e.event)).toEqual(['unread']);
      const replay = parseEvents((await alice.client.get(`/api/v1/user/events?lastEventId=${encodeURIComponent(since)}`)).raw.body);
      expect(replay.filter((e) => e.event === 'message').map((e) => e.data.body)).toEqual(['One', 'Two']);

      // Another person cannot read Alice's events with Alice's position.
      const bobs = parseEvents((await bob.client.get(`/api/v1/user/events?lastEventId=${encodeURIComponent(since)}`)).raw.body);
      expect(bobs.map((e) => e.event)).toEqual(['unread']);

      const bad = await alice.client.get('/api/v1/user/events', { 'last-event-id': 'not-a-position' });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('INVALID_CURSOR');
    });

    it('sends an edited or deleted message again, as it is now, live and to a stream resumed from before it', async () => {
      const stream = await open(t.app, alice.token);
      await until(() => stream.of('unread').length === 1, 'first unread');
      const before = stream.lastId!;
      const sent = await owner.client.post(`/api/v1/account/${accountId}/applications/${applicationId}/messages`, { body: 'Rehersal at six' });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      const versions = () => stream.of('message').filter((e) => e.data.id === sent.body.id);
      await until(() => versions().length === 1, 'the new message');

      const edited = await owner.client.patch(`/api/v1/account/${accountId}/messages/${sent.body.id}`, { body: 'Rehearsal at six' });
      expect(edited.status, JSON.stringify(edited.body)).toBe(200);
      await until(() => versions().length === 2, 'the edit');
      expect(versions()[1]!.data).toMatchObject({ body: 'Rehearsal at six', editedAt: expect.any(String), deletedAt: null });

      expect((await owner.client.delete(`/api/v1/account/${accountId}/messages/${sent.body.id}`)).status).toBe(204);
      await until(() => versions().length === 3, 'the deletion');
      expect(versions()[2]!.data).toMatchObject({ body: null, deletedAt: expect.any(String) });
      stream.close();

      // Resumed from before it was sent: the message comes once, as it is now.
      const replay = parseEvents((await alice.client.get(`/api/v1/user/events?lastEventId=${encodeURIComponent(before)}`)).raw.body);
      const replayed = replay.filter((e) => e.event === 'message' && e.data.id === sent.body.id);
      expect(replayed.map((e) => e.data.deletedAt === null)).toEqual([false]);
    });

    it('bounds the streams of one person per process: one more is refused with 429 until one closes', async () => {
      await until(() => streams.every((s) => s.ended), 'earlier streams closed');
      const five = await Promise.all(Array.from({ length: 5 }, () => open(t.app, bob.token)));
      expect(five.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
      const sixth = await open(t.app, bob.token);
      expect(sixth.status).toBe(429);
      expect(sixth.body.code).toBe('TOO_MANY_EVENT_STREAMS');
      // Another person, and the same person in another process, are not affected.
      expect((await open(t.app, owner.token)).status).toBe(200);
      expect((await open(other, bob.token)).status).toBe(200);
      five[0]!.close();
      await until(async () => {
        const again = await open(t.app, bob.token);
        return again.status === 200;
      }, 'a slot freed');
      for (const s of five) s.close();
    });

    it('sends heartbeat comments, and ends a stream when its session is revoked, in every process', async () => {
      const token = await login(a.anon, alice.email);
      const here = await open(t.app, token);
      const there = await open(other, token);
      const otherSession = await open(t.app, alice.token);
      await until(() => here.comments > 0 && there.comments > 0, 'heartbeats'); // heartbeat 1 s here
      expect((await a.anon.as(token).post('/api/v1/public/auth/logout')).status).toBe(204);
      await until(() => here.ended && there.ended, 'streams of the revoked session end');
      expect(otherSession.ended).toBe(false); // Alice's other session streams on
      const refused = await Sse.open(t.app, token);
      expect(refused.status).toBe(401);
    });

    it('is documented as text/event-stream in the OpenAPI document', async () => {
      const doc = (await t.client.get('/openapi.json')).body;
      const operation = doc.paths['/api/v1/user/events'].get;
      expect(Object.keys(operation.responses['200'].content)).toEqual(['text/event-stream']);
      expect(operation.responses['429']).toBeDefined();
      expect(operation.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['last-event-id', 'lastEventId']));
    });

    it('ends idle streams', async () => {
      const idle = await buildApp({ db: t.db, config: testConfig({ EVENT_STREAM_IDLE_SECONDS: '1', EVENT_STREAM_HEARTBEAT_SECONDS: '0.3' }) });
      try {
        await idle.listen({ port: 0, host: '127.0.0.1' });
        const s = await open(idle, carol.token);
        expect(s.status).toBe(200);
        await until(() => s.ended, 'idle stream ended', 5_000);
        expect(s.comments).toBeGreaterThan(0); // heartbeats do not count as something to tell
      } finally {
        await idle.close();
      }
    });
  },
  { config: { EVENT_STREAM_HEARTBEAT_SECONDS: '1' } },
);
