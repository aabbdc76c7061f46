/**
 * Plans and limits: what an account may use — its effective limits and features, from
 * the one SQL function mono.plan_entitlements — and the one way to take a limited slot
 * (a member, an active listing). The media quota trigger reads the same function.
 * docs/development.md, "Plans and limits".
 */
export { type Entitlements, FEATURED_LISTINGS, hasFeature, type LimitKey, limitOf, type SlotLimitKey } from './entitlements';
export { readEntitlements, takeLimitedSlot } from './take-limited-slot';
