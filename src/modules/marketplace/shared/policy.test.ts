import { describe, expect, it } from 'vitest';
import {
  answerErrors,
  approximateLocation,
  effectiveListingStatus,
  fillsListing,
  listingTakesDecisions,
  nextApplicationStatus,
  nextListingStatus,
  readRequirements,
} from './policy';
import { formatMoney } from './presenters';
import { requirementsSchema } from './schemas';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as { code: string; extra: { allowed: string[] } };
  }
  throw new Error('expected a refusal');
};

describe('listing state machine', () => {
  it('allows exactly the documented moves', () => {
    expect(nextListingStatus('DRAFT', 'publish', 'owner')).toBe('ACTIVE');
    expect(nextListingStatus('ACTIVE', 'pause', 'owner')).toBe('PAUSED');
    expect(nextListingStatus('PAUSED', 'resume', 'owner')).toBe('ACTIVE');
    expect(nextListingStatus('PAUSED', 'complete', 'owner')).toBe('COMPLETED');
    expect(nextListingStatus('ACTIVE', 'cancel', 'owner')).toBe('CANCELLED');
    expect(nextListingStatus('EXPIRED', 'cancel', 'owner')).toBe('CANCELLED');
    expect(refusal(() => nextListingStatus('DRAFT', 'complete', 'owner'))).toMatchObject({ code: 'ILLEGAL_TRANSITION', extra: { allowed: ['publish'] } });
    expect(refusal(() => nextListingStatus('CANCELLED', 'resume', 'owner'))).toMatchObject({ extra: { allowed: [] } });
  });

  it('gives moderators only pause, resume and cancel', () => {
    expect(nextListingStatus('ACTIVE', 'pause', 'moderator')).toBe('PAUSED');
    expect(nextListingStatus('PAUSED', 'resume', 'moderator')).toBe('ACTIVE');
    expect(refusal(() => nextListingStatus('DRAFT', 'publish', 'moderator'))).toMatchObject({ extra: { allowed: [] } });
    expect(refusal(() => nextListingStatus('ACTIVE', 'complete', 'moderator'))).toMatchObject({ extra: { allowed: ['pause', 'cancel'] } });
  });

  it('treats an ACTIVE listing past its expiry as EXPIRED', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    expect(effectiveListingStatus({ status: 'ACTIVE', expiresAt: new Date('2029-12-31T23:59:59Z') }, now)).toBe('EXPIRED');
    expect(effectiveListingStatus({ status: 'ACTIVE', expiresAt: now }, now)).toBe('EXPIRED');
    expect(effectiveListingStatus({ status: 'ACTIVE', expiresAt: new Date('2030-01-01T00:00:01Z') }, now)).toBe('ACTIVE');
    expect(effectiveListingStatus({ status: 'PAUSED', expiresAt: new Date('2000-01-01') }, now)).toBe('PAUSED');
  });
});

describe('application state machine', () => {
  it('goes step by step and names the allowed moves of the side that asked', () => {
    expect(nextApplicationStatus('PENDING', 'review')).toBe('REVIEWING');
    expect(nextApplicationStatus('REVIEWING', 'shortlist')).toBe('SHORTLISTED');
    expect(nextApplicationStatus('SHORTLISTED', 'accept')).toBe('ACCEPTED');
    expect(nextApplicationStatus('SHORTLISTED', 'withdraw')).toBe('WITHDRAWN');
    expect(refusal(() => nextApplicationStatus('PENDING', 'shortlist'))).toMatchObject({ extra: { allowed: ['review', 'reject'] } });
    expect(refusal(() => nextApplicationStatus('REJECTED', 'withdraw'))).toMatchObject({ extra: { allowed: [] } });
  });

  it('keeps decisions open only while the listing is', () => {
    expect(listingTakesDecisions('EXPIRED', 'accept')).toBe(true);
    expect(listingTakesDecisions('COMPLETED', 'accept')).toBe(false);
    expect(listingTakesDecisions('CANCELLED', 'reject')).toBe(true);
    expect(fillsListing({ questions: [], positions: 2 }, 1)).toBe(false);
    expect(fillsListing({ questions: [], positions: 2 }, 2)).toBe(true);
    expect(fillsListing({ questions: [] }, 99)).toBe(false);
  });
});

describe('answers', () => {
  const requirements = requirementsSchema.parse({
    questions: [
      { id: 'age', label: 'Age', type: 'number', required: true, min: 18 },
      { id: 'car', label: 'Car?', type: 'boolean' },
      { id: 'langs', label: 'Languages', type: 'choice', options: ['de', 'en'], multiple: true, required: true },
    ],
  });

  it('accepts fitting answers and leaves optional ones out', () => {
    expect(answerErrors(requirements, { age: 30, langs: ['en'] })).toEqual([]);
    expect(answerErrors(requirements, { age: 30, langs: ['en'], car: '' })).toEqual([]);
  });

  it('names every problem', () => {
    expect(answerErrors(requirements, { age: 17, langs: ['en', 'en'], car: 'yes', extra: 1 })).toEqual([
      { path: 'answers.extra', message: 'this listing asks no such question' },
      { path: 'answers.age', message: 'must be at least 18' },
      { path: 'answers.car', message: 'must be true or false' },
      { path: 'answers.langs', message: 'an option is picked twice' },
    ]);
    expect(answerErrors(requirements, { langs: [] }).map((e) => e.path)).toEqual(['answers.age', 'answers.langs']);
  });

  it('treats stored requirements that are not valid as none', () => {
    expect(readRequirements([{ nonsense: true }])).toBeNull();
    expect(readRequirements(null)).toBeNull();
    expect(answerErrors(null, {})).toEqual([]);
  });
});

describe('money', () => {
  it('formats stored decimals without floats', () => {
    expect(formatMoney('1500.0000')).toBe('1500.00');
    expect(formatMoney('12345678901234.5678')).toBe('12345678901234.5678');
    expect(formatMoney('0.1000')).toBe('0.10');
    expect(formatMoney(null)).toBeNull();
  });
});

describe('approximate location', () => {
  it('keeps city, region and country, rounds the coordinates to two decimals and drops the address', () => {
    expect(
      approximateLocation({
        addressLine1: 'Stephansplatz 1',
        postalCode: '1010',
        city: 'Vienna',
        region: 'Vienna',
        country: 'AT',
        lat: 48.20849,
        lng: 16.37208,
      }),
    ).toEqual({ city: 'Vienna', region: 'Vienna', country: 'AT', lat: 48.21, lng: 16.37 });
    expect(approximateLocation({ country: 'AT', lat: -33.86785, lng: 151.20732 })).toEqual({ country: 'AT', lat: -33.87, lng: 151.21 });
    expect(approximateLocation({ addressLine1: 'Somewhere 5' })).toEqual({});
    expect(approximateLocation(null)).toBeNull();
  });
});
