import { AppError, type ErrorCode } from '../../core/errors';
import type { AccountStatus } from './repository';

/**
 * What an account may use: its effective limits and features, as mono.plan_entitlements
 * computes them (the plan of its live subscription, overridden key by key by the
 * account's own limits; plan features ∪ account features). See docs/development.md,
 * "Plans and limits".
 */
export interface Entitlements {
  /** null for a person without an account (personal media). */
  accountStatus: AccountStatus | null;
  /** The subscription's plan while it is trialing, active or past due; else null. */
  plan: string | null;
  /** Every limit anyone set: an integer, or null = unlimited. A missing key is unlimited too. */
  limits: Readonly<Record<string, number | null>>;
  features: readonly string[];
}

/** The limits a plan (plans.limits) or an account's overrides (accounts.limits) can set. */
export type LimitKey = 'maxActiveListings' | 'maxMembers' | 'storageBytes';

/** A limit: a number, or null for unlimited (the value null and a missing key alike). */
export function limitOf(entitlements: Entitlements, key: LimitKey): number | null {
  const value = entitlements.limits[key];
  return typeof value === 'number' ? value : null;
}

export const FEATURED_LISTINGS = 'featured-listings';

export function hasFeature(entitlements: Entitlements, feature: string): boolean {
  return entitlements.features.includes(feature);
}

/** Limits counted in slots — rows in use: one per member, one per active listing. */
export type SlotLimitKey = 'maxMembers' | 'maxActiveListings';

interface SlotLimit {
  /** The catalogue code a refused slot answers. */
  code: ErrorCode;
  refusal: (limit: number, inUse: number) => { message: string; extra?: Record<string, unknown> };
}

/**
 * How each counted limit refuses the slot after its last: catalogue code, message and
 * extra problem members. (storageBytes counts bytes, not slots: the media quota trigger
 * enforces it, answered as STORAGE_QUOTA_EXCEEDED through the constraint table.)
 */
export const slotLimits: Readonly<Record<SlotLimitKey, SlotLimit>> = {
  maxMembers: {
    code: 'MEMBER_LIMIT_REACHED',
    refusal: (limit) => ({ message: `This account may have at most ${limit} members on its plan` }),
  },
  maxActiveListings: {
    code: 'LISTING_LIMIT_REACHED',
    refusal: (limit, inUse) => ({ message: `The account already has ${inUse} active listings, its limit is ${limit}`, extra: { limit, active: inUse } }),
  },
};

export function slotRefused(key: SlotLimitKey, limit: number, inUse: number): AppError {
  const { code, refusal } = slotLimits[key];
  const { message, extra } = refusal(limit, inUse);
  return new AppError(code, message, extra ? { extra } : {});
}
