/**
 * Plans and limits: what an account may use (effective limits and features, from the one
 * SQL function mono.plan_entitlements) and the one way to take a limited slot. Used by
 * accounts (members) and listings (active listings); the media quota trigger reads the
 * same function. docs/development.md, "Plans and limits".
 */
export {
  type Entitlements,
  FEATURED_LISTINGS,
  hasFeature,
  type LimitKey,
  limitOf,
  type SlotLimitKey,
  slotLimits,
} from './entitlements';
export type { AccountStatus } from './repository';
export { readEntitlements, takeLimitedSlot } from './take-limited-slot';
