import { createHash, randomBytes } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { noPermissions } from '../../src/core/context';
import { ctxFor } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { type BookingWorld, createBookingWorld, failure, NOW, services } from './world';

const unfold = (text: string) => text.replace(/\r\n /g, '').split('\r\n');

describeDb('iCalendar feed behind a secret URL', (t) => {
  let w: BookingWorld;
  let s: ReturnType<typeof services>;
  let bookingIds: string[];
  beforeAll(async () => {
    w = await createBookingWorld(t.db, 'ics');
    s = services(t.db);
    const create = (title: string, start: string, end: string) =>
      s.bookings.create(w.asClient, {
        resourceId: w.resourceId,
        title,
        start,
        end,
        location: 'Atelier; 2nd floor, left',
        meetingUrl: 'https://meet.example.com/r',
      });
    const [a] = await create('Fitting, shoes', '2030-01-07T09:00:00Z', '2030-01-07T10:00:00Z');
    const [b] = await create('Cancelled one', '2030-01-08T09:00:00Z', '2030-01-08T10:00:00Z');
    const [c] = await create('Confirmed one', '2030-01-09T09:00:00Z', '2030-01-09T10:30:00Z');
    await s.bookings.transition(w.asClient, { bookingId: b!.id, action: 'cancel' });
    await s.bookings.transition(w.asResource, { bookingId: c!.id, action: 'confirm' });
    bookingIds = [a!.id, b!.id, c!.id];
  });
  const publicCtx = (tenantId = w.tenantId) => ctxFor(tenantId, undefined, { permissions: noPermissions });

  it('serves the resource’s bookings to whoever has the token, and stores only its hash', async () => {
    const { token, userId } = await s.calendar.rotate(w.asResource, {});
    expect(userId).toBe(w.resourceId);
    expect(token).toMatch(/^mcal_[A-Za-z0-9_-]{64}$/); // identity/tokens.ts, prefix mcal
    const stored = await t.db.query<{ token_hash: Uint8Array }>(`select token_hash from calendar_feeds where user_id = $1`, [w.resourceId]);
    expect(Buffer.from(stored[0]!.token_hash).toString('hex')).toBe(createHash('sha256').update(token).digest('hex'));
    const audit = await t.db.query<{ new_values: Record<string, unknown> }>(
      `select new_values from audit_logs where resource = 'calendar_feeds' and tenant_id = $1`,
      [w.tenantId],
    );
    expect(JSON.stringify(audit)).not.toContain(Buffer.from(stored[0]!.token_hash).toString('hex'));

    // the token names its tenant: a calendar app sends no X-Tenant header
    const text = await s.calendar.render(ctxFor(null as unknown as string, undefined, { permissions: noPermissions }), { token });
    const lines = unfold(text);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2); // the cancelled one is not in the feed
    expect(lines).toContain(`UID:${bookingIds[0]}@mono`);
    expect(lines).not.toContain(`UID:${bookingIds[1]}@mono`);
    expect(lines).toContain('SUMMARY:Fitting\\, shoes');
    expect(lines).toContain('LOCATION:Atelier\\; 2nd floor\\, left');
    expect(lines).toContain('DTSTART:20300109T090000Z');
    expect(lines).toContain('DTEND:20300109T103000Z');
    expect(lines).toContain('STATUS:TENTATIVE');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines).toContain(`DTSTAMP:${NOW.toISOString().replace(/[-:]/g, '').replace('.000', '')}`);
  });

  it('stops serving an old token once it is rotated, and everything once revoked', async () => {
    const { token: first } = await s.calendar.rotate(w.asResource, {});
    const { token: second } = await s.calendar.rotate(w.asResource, {});
    expect(await failure(() => s.calendar.render(publicCtx(), { token: first }))).toMatchObject({ kind: 'not_found' });
    expect(await s.calendar.render(publicCtx(), { token: second })).toContain('BEGIN:VEVENT');
    await s.calendar.revoke(w.asResource, {});
    expect(await failure(() => s.calendar.render(publicCtx(), { token: second }))).toMatchObject({ kind: 'not_found' });
    expect(await failure(() => s.calendar.revoke(w.asResource, {}))).toMatchObject({ kind: 'not_found' });
  });

  it('answers 404 for a token presented to another tenant, and 400 for something that is no token', async () => {
    const { token } = await s.calendar.rotate(w.asResource, {});
    const other = await createBookingWorld(t.db, 'ics-other');
    expect(await failure(() => s.calendar.render(publicCtx(other.tenantId), { token }))).toMatchObject({ kind: 'not_found' });
    expect(await failure(() => s.calendar.render(publicCtx(), { token: 'short' }))).toMatchObject({ kind: 'validation' });
    // the tenant part of a token cannot be swapped for another tenant's
    const forged = `mcal_${Buffer.concat([Buffer.from(other.tenantId.replace(/-/g, ''), 'hex'), Buffer.from(token.slice(5), 'base64url').subarray(16)]).toString('base64url')}`;
    expect(await failure(() => s.calendar.render(publicCtx(other.tenantId), { token: forged }))).toMatchObject({ kind: 'not_found' });
    // a token of another kind (a session's prefix) is no calendar token
    expect(await failure(() => s.calendar.render(publicCtx(), { token: `mses_${token.slice(5)}` }))).toMatchObject({ kind: 'validation' });
  });

  it('keeps serving a token issued before the mcal_ prefix (64 characters, hash of those)', async () => {
    const legacy = Buffer.concat([Buffer.from(w.tenantId.replace(/-/g, ''), 'hex'), randomBytes(32)]).toString('base64url');
    expect(legacy).toMatch(/^[A-Za-z0-9_-]{64}$/);
    await s.calendar.rotate(w.asResource, {});
    await t.db.query(`update calendar_feeds set token_hash = $1 where user_id = $2`, [createHash('sha256').update(legacy).digest(), w.resourceId]);
    const text = await s.calendar.render(ctxFor(null as unknown as string, undefined, { permissions: noPermissions }), { token: legacy });
    expect(unfold(text)).toContain(`UID:${bookingIds[0]}@mono`);
    // the prefix is part of what is hashed: the old token with it is another (unknown) token
    expect(await failure(() => s.calendar.render(publicCtx(), { token: `mcal_${legacy}` }))).toMatchObject({ kind: 'not_found' });
  });

  it('lets a manager create a member’s feed, but not a stranger', async () => {
    const { userId } = await s.calendar.rotate(w.asManager, { userId: w.resourceId });
    expect(userId).toBe(w.resourceId);
    expect(await failure(() => s.calendar.rotate(w.asStranger, { userId: w.resourceId }))).toMatchObject({ kind: 'not_found' });
  });
});
