import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { migrationsDir } from '../../src/db/migrate';
import { withTenant } from '../../src/db/tenant-context';
import { ctxFor } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { createTestTenant, describeHttp, signUp } from '../helpers/http';
import { type BookingWorld, createBookingWorld, failure, services } from './world';

type Window = { dayOfWeek: number; start: string; end: string };

/**
 * Eight weekly schedules in eight zones whose windows all overlap each other's: any mix
 * of two of them has overlapping windows in mixed zones.
 */
const zones = ['Europe/Vienna', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe', 'UTC', 'Europe/London', 'America/Los_Angeles', 'Asia/Kolkata'];
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const schedules = zones.map((timezone, i) => ({
  timezone,
  windows: [1, 2, 3].flatMap((dayOfWeek): Window[] => [
    { dayOfWeek, start: hhmm(8 * 60 + i * 5), end: hhmm(12 * 60 + i * 5) },
    { dayOfWeek, start: hhmm(13 * 60 + i * 5), end: hhmm(17 * 60 + i * 5) },
  ]),
}));

/** A weekly schedule as read back, comparable with what was submitted. */
const normalise = (timezone: string, windows: readonly Window[]) =>
  JSON.stringify({
    timezone,
    windows: [...windows]
      .map((w) => ({ dayOfWeek: w.dayOfWeek, start: w.start, end: w.end }))
      .sort((a, b) => a.dayOfWeek - b.dayOfWeek || a.start.localeCompare(b.start)),
  });

const rowsOf = (rows: readonly { dayOfWeek: number | null; startTime: string; endTime: string; timezone: string }[]) => {
  const zonesSeen = [...new Set(rows.map((r) => r.timezone))];
  return {
    zones: zonesSeen,
    normalised: normalise(
      zonesSeen.join('+'),
      rows.map((r) => ({ dayOfWeek: r.dayOfWeek!, start: r.startTime, end: r.endTime })),
    ),
  };
};

describeDb(
  'availability: one schedule at a time, and the database refuses overlapping windows',
  (t) => {
    let w: BookingWorld;
    beforeAll(async () => {
      w = await createBookingWorld(t.db, 'avail-integrity');
    });

    it('leaves exactly one of 8 parallel weekly replacements, whole', async () => {
      const s = services(t.db);
      for (let round = 0; round < 3; round++) {
        const results = await Promise.allSettled(schedules.map((schedule) => s.availability.setWeekly(w.asStranger, schedule)));
        expect(results.map((r) => r.status)).toEqual(schedules.map(() => 'fulfilled'));
        const stored = rowsOf((await s.availability.get(w.asStranger, {})).weekly);
        expect(stored.zones).toHaveLength(1);
        expect(schedules.filter((x) => normalise(x.timezone, x.windows) === stored.normalised)).toHaveLength(1);
      }
    });

    it('leaves exactly one of 8 parallel replacements of a date override, whole', async () => {
      const s = services(t.db);
      const overrides = zones.map((timezone, i) =>
        i % 3 === 2
          ? { date: '2030-06-12', timezone, available: false }
          : {
              date: '2030-06-12',
              timezone,
              windows: [
                { start: hhmm(9 * 60 + i * 5), end: hhmm(11 * 60 + i * 5) },
                { start: hhmm(12 * 60 + i * 5), end: hhmm(15 * 60 + i * 5) },
              ],
            },
      );
      const results = await Promise.allSettled(overrides.map((o) => s.availability.setOverride(w.asStranger, o)));
      expect(results.map((r) => r.status)).toEqual(overrides.map(() => 'fulfilled'));
      const stored = (await s.availability.get(w.asStranger, { from: '2030-06-12', to: '2030-06-12' })).overrides;
      const asSubmitted = JSON.stringify({
        timezone: [...new Set(stored.map((r) => r.timezone))].join('+'),
        blocked: stored.map((r) => !r.available),
        windows: stored.filter((r) => r.available).map((r) => ({ start: r.startTime, end: r.endTime })),
      });
      const candidates = overrides.map((o) =>
        JSON.stringify({ timezone: o.timezone, blocked: o.windows ? o.windows.map(() => false) : [true], windows: o.windows ?? [] }),
      );
      expect(candidates.filter((c) => c === asSubmitted)).toHaveLength(1);
    });

    it('refuses overlapping weekly windows, and windows in another zone, on any write path', async () => {
      const person = w.clientId;
      await services(t.db).availability.setWeekly(w.asClient, { timezone: 'Europe/Vienna', windows: [{ dayOfWeek: 1, start: '09:00', end: '12:00' }] });
      const insert = (day: number, start: string, end: string, timezone: string) =>
        withTenant(t.db, ctxFor(w.tenantId, person), (tx) =>
          tx.execute(sql`insert into availabilities (tenant_id, user_id, day_of_week, start_time, end_time, timezone)
                         values (${w.tenantId}, ${person}, ${day}, ${start}, ${end}, ${timezone})`),
        );
      expect(await failure(() => insert(1, '11:00', '13:00', 'Europe/Vienna'))).toMatchObject({ kind: 'validation', code: 'AVAILABILITY_WINDOWS_OVERLAP' });
      expect(await failure(() => insert(1, '08:00', '24:00', 'Europe/Vienna'))).toMatchObject({ code: 'AVAILABILITY_WINDOWS_OVERLAP' });
      expect(await failure(() => insert(2, '09:00', '12:00', 'UTC'))).toMatchObject({ kind: 'validation', code: 'AVAILABILITY_TIMEZONE_MISMATCH' });
      // back to back, another weekday, another person: fine
      await insert(1, '12:00', '13:00', 'Europe/Vienna');
      await insert(2, '09:00', '12:00', 'Europe/Vienna');
      await services(t.db).availability.setWeekly(w.asResource, { timezone: 'UTC', windows: [{ dayOfWeek: 1, start: '09:00', end: '12:00' }] });
    });

    it('refuses overlapping windows of a date override, and a date both available and blocked', async () => {
      const person = w.clientId;
      const insert = (start: string, end: string, available = true, timezone = 'Europe/Vienna') =>
        withTenant(t.db, ctxFor(w.tenantId, person), (tx) =>
          tx.execute(sql`insert into availabilities (tenant_id, user_id, date, start_time, end_time, timezone, available, recurring)
                         values (${w.tenantId}, ${person}, '2030-07-01', ${start}, ${end}, ${timezone}, ${available}, false)`),
        );
      await insert('09:00', '12:00');
      expect(await failure(() => insert('10:00', '11:00'))).toMatchObject({ kind: 'validation', code: 'AVAILABILITY_WINDOWS_OVERLAP' });
      expect(await failure(() => insert('00:00', '00:00', false))).toMatchObject({ code: 'AVAILABILITY_OVERRIDE_MIXED' });
      expect(await failure(() => insert('13:00', '14:00', true, 'UTC'))).toMatchObject({ code: 'AVAILABILITY_OVERRIDE_MIXED' });
      await insert('12:00', '14:00');
    });

    it('migration 0302 repairs a schedule a race left mixed: the latest replacement stays, whole', async () => {
      const person = w.strangerId;
      const constraints = [
        'availabilities_weekly_no_overlap',
        'availabilities_weekly_one_zone',
        'availabilities_override_no_overlap',
        'availabilities_override_one_kind',
      ];
      await t.db.exec(`alter table availabilities ${constraints.map((c) => `drop constraint ${c}`).join(', ')}`);
      await t.db.query(`delete from availabilities where user_id = $1`, [person]);
      // what two racing replacements used to leave: both schedules, each with its own transaction time
      const weekly = (created: string, timezone: string, start: string, end: string) =>
        t.db.query(
          `insert into availabilities (tenant_id, user_id, day_of_week, start_time, end_time, timezone, created_at)
           select $1, $2, d, $3, $4, $5, $6::timestamptz from generate_series(1, 3) d`,
          [w.tenantId, person, start, end, timezone, created],
        );
      const override = (created: string, timezone: string, start: string, end: string, available: boolean) =>
        t.db.query(
          `insert into availabilities (tenant_id, user_id, date, start_time, end_time, timezone, available, recurring, created_at)
           values ($1, $2, '2030-06-12', $3, $4, $5, $6, false, $7::timestamptz)`,
          [w.tenantId, person, start, end, timezone, available, created],
        );
      await weekly('2030-01-01T10:00:00.000001Z', 'Asia/Tokyo', '08:00', '16:00');
      await weekly('2030-01-01T10:00:00.000002Z', 'America/New_York', '09:00', '17:00');
      await override('2030-01-01T10:00:00.000003Z', 'UTC', '00:00', '00:00', false);
      await override('2030-01-01T10:00:00.000001Z', 'Asia/Tokyo', '09:00', '12:00', true);

      await t.db.exec(readFileSync(`${migrationsDir}/0302_availability_no_overlap.sql`, 'utf8'));

      const left = await t.db.query<{ day_of_week: number | null; start_time: string; timezone: string; available: boolean }>(
        `select day_of_week, start_time, timezone, available from availabilities where user_id = $1 order by day_of_week nulls last`,
        [person],
      );
      expect(left).toEqual([
        ...[1, 2, 3].map((d) => ({ day_of_week: d, start_time: '09:00', timezone: 'America/New_York', available: true })),
        { day_of_week: null, start_time: '00:00', timezone: 'UTC', available: false },
      ]);
      const present = await t.db.query<{ conname: string }>(
        `select conname from pg_constraint where conrelid = 'availabilities'::regclass and contype = 'x' order by 1`,
      );
      expect(present.map((c) => c.conname)).toEqual([...constraints].sort());
    });
  },
  { poolSize: 12 },
);

describeHttp('availability over HTTP under parallel replacement', (t) => {
  it('answers 4 parallel PUT …/availability/weekly in different zones with 200 each and keeps exactly one of them', async () => {
    const tenant = await createTestTenant(t.app, 'availrace');
    const model = await signUp(tenant, 'model');
    for (let round = 0; round < 3; round++) {
      const submitted = schedules.slice(round, round + 4);
      const responses = await Promise.all(submitted.map((body) => model.client.put('/api/v1/user/availability/weekly', body)));
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      const view = await model.client.get('/api/v1/user/availability?from=2030-06-01&to=2030-06-30');
      expect(view.status).toBe(200);
      const stored = view.body.weekly as (Window & { timezone: string })[];
      const storedZones = [...new Set(stored.map((x) => x.timezone))];
      expect(storedZones).toHaveLength(1);
      const matching = submitted.filter((x) => normalise(x.timezone, x.windows) === normalise(storedZones[0]!, stored));
      expect(matching).toHaveLength(1);
    }
  });
});
