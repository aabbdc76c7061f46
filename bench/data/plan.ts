import { Random } from './random';

/**
 * How many rows of what go into which tenant, as a pure function of scale and seed.
 *
 * At scale 1: 100 tenants, 100k users, 20k accounts, 200k listings, 500k applications,
 * 100k bookings, 50k content items. The first tenant holds a third of every kind of
 * row; the rest fall off like a power law (a few mid-sized marketplaces, many small
 * ones), jittered by the seed.
 */
export const SCALE_ONE = {
  users: 100_000,
  accounts: 20_000,
  listings: 200_000,
  applications: 500_000,
  bookings: 100_000,
  contents: 50_000,
} as const;

export type Kind = keyof typeof SCALE_ONE;
export const KINDS = Object.keys(SCALE_ONE) as Kind[];

export interface TenantPlan {
  /** 0-based; tenant 0 is the big one. */
  index: number;
  identifier: string;
  name: string;
  users: number;
  accounts: number;
  listings: number;
  applications: number;
  bookings: number;
  contents: number;
  /** Users who can be booked (weekly availability, bookings as the resource). */
  bookable: number;
}

export interface DataPlan {
  scale: number;
  seed: number;
  tenants: TenantPlan[];
  totals: Record<Kind, number>;
}

export const BIG_TENANT_SHARE = 1 / 3;
export const tenantIdentifier = (index: number) => `bench-${String(index + 1).padStart(3, '0')}`;

/** Number of tenants: 100 at scale 1, growing with the square root of the scale (10 at 0.01). */
export function tenantCount(scale: number): number {
  return Math.max(2, Math.round(100 * Math.sqrt(scale)));
}

/** Splits `total` by `weights` into integers that add up to it (largest remainder). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    parts[i]! += 1;
  }
  return parts;
}

export function planData(scale: number, seed: number): DataPlan {
  if (!(scale > 0) || scale > 100) throw new Error(`scale must be > 0 and ≤ 100, got ${scale}`);
  const random = new Random(seed);
  const count = tenantCount(scale);
  const rest = Array.from({ length: count - 1 }, (_, i) => (1 / (i + 1) ** 0.9) * (0.75 + random.next() * 0.5));
  const restSum = rest.reduce((a, b) => a + b, 0);
  const weights = [BIG_TENANT_SHARE, ...rest.map((w) => (w / restSum) * (1 - BIG_TENANT_SHARE))];

  const split = Object.fromEntries(KINDS.map((kind) => [kind, apportion(Math.round(SCALE_ONE[kind] * scale), weights)])) as Record<Kind, number[]>;
  const tenants = weights.map((_, index): TenantPlan => {
    const listings = Math.max(1, split.listings[index]!);
    // Every listing's applicants are distinct users, so a tenant needs more users than
    // applications per listing; every account needs an admin.
    const users = Math.max(4, split.users[index]!, Math.ceil(split.applications[index]! / listings) + 2);
    return {
      index,
      identifier: tenantIdentifier(index),
      name: `Bench Marketplace ${index + 1}`,
      users,
      accounts: Math.max(1, split.accounts[index]!),
      listings,
      applications: split.applications[index]!,
      bookings: split.bookings[index]!,
      contents: split.contents[index]!,
      bookable: Math.max(1, Math.floor(users / 5)),
    };
  });
  const totals = Object.fromEntries(KINDS.map((kind) => [kind, tenants.reduce((a, t) => a + t[kind], 0)])) as Record<Kind, number>;
  return { scale, seed, tenants, totals };
}
