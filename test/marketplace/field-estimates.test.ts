import { expect, it } from 'vitest';
import { replaceListingFields } from '../../src/modules/marketplace';
import { describeDb } from '../helpers/db';
import { createWorld } from './fixtures';

/**
 * A range filter on a listing field is a semi-join on listing_field_values (tenant, key,
 * value range); how many listings the planner expects it to keep decides between walking
 * the sort's index and fetching every other match (decision 0102). Each key has its own
 * distribution — here heights around 150–199 and years of experience 0–10 — and the
 * estimate of a range must follow the key's values, not the histogram of all keys' values
 * mixed (which put "experience 0..10" at half of its rows).
 */
describeDb('listing fields: range estimates follow each key’s own values', (t) => {
  it('estimates a range that holds all of one key’s values at about all of them', async () => {
    const w = await createWorld(t.db, { plan: 'pro', applicants: 0 });
    await replaceListingFields({ db: t.db }, w.moderator, {
      fields: [
        { key: 'height', label: 'Height in cm', kind: 'number', listingTypes: ['GIG'] },
        { key: 'experience', label: 'Years of experience', kind: 'number', listingTypes: ['GIG'] },
      ],
    });
    // Drafts written set-based as the owner: the field values trigger fills the value rows.
    await t.db.query(
      `insert into listings (tenant_id, account_id, user_id, type, title, description, price_type, status, custom_fields)
       select $1, $2, $3, 'GIG', 'Estimate ' || g, 'Field estimates', 'FIXED', 'DRAFT',
              jsonb_build_object('height', 150 + g % 50, 'experience', g % 11)
         from generate_series(1, 400) g`,
      [w.tenantId, w.accountId, w.ownerId],
    );
    await t.db.query('analyze listing_field_values');
    const estimate = async (key: string, min: number, max: number) => {
      const [actual] = await t.db.query<{ n: number }>(
        'select count(*)::int as n from listing_field_values where tenant_id = $1 and key = $2 and num between $3 and $4',
        [w.tenantId, key, min, max],
      );
      const [plan] = await t.db.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
        `explain (format json) select 1 from listing_field_values where tenant_id = '${w.tenantId}' and key = '${key}' and num between ${min} and ${max}`,
      );
      return { actual: actual!.n, estimated: plan!['QUERY PLAN'][0].Plan['Plan Rows'] };
    };
    const experience = await estimate('experience', 0, 10);
    expect(experience.actual).toBe(400);
    expect(experience.estimated).toBeGreaterThanOrEqual(0.8 * experience.actual);
    const tall = await estimate('height', 190, 199);
    expect(tall.actual).toBe(80);
    expect(tall.estimated).toBeGreaterThanOrEqual(0.5 * tall.actual);
    expect(tall.estimated).toBeLessThanOrEqual(2 * tall.actual);
  });
});
