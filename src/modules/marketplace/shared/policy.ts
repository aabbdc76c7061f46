import { type FieldError, illegalTransition } from '../../../core/errors';
import {
  type ApplicationStatus,
  type ListingAction,
  type ListingLocationInput,
  type ListingStatus,
  type PriceType,
  type Question,
  type Requirements,
  type ReviewAction,
  requirementsSchema,
} from './schemas';

/**
 * Pure marketplace rules: the listing and application state machines, who may move
 * them and what an application must answer (limits and plan features: modules/plans). No I/O,
 * so every rule is testable on its own (policy.test.ts) and the services only decide
 * *when* to ask.
 */

// ---------------------------------------------------------------------------------
// Listings
// ---------------------------------------------------------------------------------

/** 'expire' is the background job's; people use the other actions. */
type ListingMove = ListingAction | 'expire';

/** DRAFT → ACTIVE ⇄ PAUSED → COMPLETED / CANCELLED, and ACTIVE → EXPIRED when expiresAt passes. */
export const listingTransitions: Record<ListingStatus, Partial<Record<ListingMove, ListingStatus>>> = {
  DRAFT: { publish: 'ACTIVE' },
  PENDING_APPROVAL: { cancel: 'CANCELLED' },
  ACTIVE: { pause: 'PAUSED', complete: 'COMPLETED', cancel: 'CANCELLED', expire: 'EXPIRED' },
  PAUSED: { resume: 'ACTIVE', complete: 'COMPLETED', cancel: 'CANCELLED' },
  EXPIRED: { complete: 'COMPLETED', cancel: 'CANCELLED' },
  COMPLETED: {},
  CANCELLED: {},
};

/** Statuses whose content may still be edited. */
export const editableListingStatuses: readonly ListingStatus[] = ['DRAFT', 'PENDING_APPROVAL', 'ACTIVE', 'PAUSED'];

/** Fields whose change sends a live listing back to approval when the tenant approves listings. */
export const materialListingFields = [
  'type',
  'title',
  'description',
  'price',
  'priceType',
  'currency',
  'location',
  'requirements',
  'customFields',
  'categoryId',
] as const;

/** Does this edit change what a moderator approved? */
export const isMaterialEdit = (input: Record<string, unknown>): boolean => materialListingFields.some((f) => input[f] !== undefined);

/**
 * The listing's account manages it fully; a tenant moderator (tenant.listings.update)
 * may take it down (pause, cancel) and put it back (resume). A moderator's pause holds
 * the listing: its account cannot resume it (409 LISTING_HELD; the database refuses a
 * held ACTIVE listing too), only a moderator can.
 */
export type ListingRole = 'owner' | 'moderator';
const moderatorActions: readonly ListingAction[] = ['pause', 'cancel', 'resume'];

/**
 * ACTIVE with expiresAt in the past is EXPIRED for every rule and every reader, the
 * moment it passes — the job that writes the status merely catches up.
 */
export function effectiveListingStatus(listing: { status: ListingStatus; expiresAt: Date | null }, now: Date): ListingStatus {
  return listing.status === 'ACTIVE' && listing.expiresAt !== null && listing.expiresAt <= now ? 'EXPIRED' : listing.status;
}

function listingActionsFor(from: ListingStatus, role: ListingRole): ListingAction[] {
  return (Object.keys(listingTransitions[from]) as ListingMove[]).filter(
    (a): a is ListingAction => a !== 'expire' && (role === 'owner' || moderatorActions.includes(a as ListingAction)),
  );
}

/** The status `action` leads to, or 409 ILLEGAL_TRANSITION naming what is allowed. */
export function nextListingStatus(from: ListingStatus, action: ListingAction, role: ListingRole): ListingStatus {
  const allowed = listingActionsFor(from, role);
  const to = listingTransitions[from][action];
  if (!to || !allowed.includes(action)) throw illegalTransition('listing', from, action, allowed);
  return to;
}

/** 409 unless the listing's content may be changed in this status. */
export function assertListingEditable(status: ListingStatus): void {
  if (!editableListingStatuses.includes(status)) throw illegalTransition('listing', status, 'edit', listingActionsFor(status, 'owner'));
}

/** Fixed, hourly, daily and project prices need an amount; only NEGOTIABLE may go without. */
export function priceErrors(price: string | null, priceType: PriceType): FieldError[] {
  return price === null && priceType !== 'NEGOTIABLE' ? [{ path: 'price', message: `a ${priceType} price needs an amount` }] : [];
}

/** A listing's location as stored: what locationSchema accepted. */
type StoredLocation = ListingLocationInput;

/** Two decimals of a degree: about 1 km, the precision of an approximate location. */
const roughly = (degrees: number) => Math.round(degrees * 100) / 100;

/**
 * What the public sees of a location: the city, region and country, the coordinates to
 * about a kilometre — no street address and no postal code. The exact location is for
 * the participants: the listing's account and its applicants.
 */
export function approximateLocation(location: StoredLocation | null): StoredLocation | null {
  if (!location) return null;
  const { city, region, country, lat, lng } = location;
  const approximate: StoredLocation = {};
  if (city !== undefined) approximate.city = city;
  if (region !== undefined) approximate.region = region;
  if (country !== undefined) approximate.country = country;
  if (lat !== undefined && lng !== undefined) {
    approximate.lat = roughly(lat);
    approximate.lng = roughly(lng);
  }
  return approximate;
}

// ---------------------------------------------------------------------------------
// Applications
// ---------------------------------------------------------------------------------

export type ApplicationAction = ReviewAction | 'withdraw';

/** PENDING → REVIEWING → SHORTLISTED → ACCEPTED / REJECTED; WITHDRAWN by the applicant before a decision. */
export const applicationTransitions: Record<ApplicationStatus, Partial<Record<ApplicationAction, ApplicationStatus>>> = {
  PENDING: { review: 'REVIEWING', reject: 'REJECTED', withdraw: 'WITHDRAWN' },
  REVIEWING: { shortlist: 'SHORTLISTED', accept: 'ACCEPTED', reject: 'REJECTED', withdraw: 'WITHDRAWN' },
  SHORTLISTED: { accept: 'ACCEPTED', reject: 'REJECTED', withdraw: 'WITHDRAWN' },
  ACCEPTED: {},
  REJECTED: {},
  WITHDRAWN: {},
};

/** The listing's account reviews; the applicant withdraws. */
export type ApplicationSide = 'reviewer' | 'applicant';
const sideOf = (action: ApplicationAction): ApplicationSide => (action === 'withdraw' ? 'applicant' : 'reviewer');

export function nextApplicationStatus(from: ApplicationStatus, action: ApplicationAction): ApplicationStatus {
  const side = sideOf(action);
  const allowed = (Object.keys(applicationTransitions[from]) as ApplicationAction[]).filter((a) => sideOf(a) === side);
  const to = applicationTransitions[from][action];
  if (!to) throw illegalTransition('application', from, action, allowed);
  return to;
}

/** Listings whose applications may still move forward (rejecting stays possible always). */
const openForDecisions: readonly ListingStatus[] = ['ACTIVE', 'PAUSED', 'EXPIRED'];
export const listingTakesDecisions = (status: ListingStatus, action: ReviewAction) => action === 'reject' || openForDecisions.includes(status);

/** Accepting the `positions`-th application fills the listing. */
export function fillsListing(requirements: Requirements | null, acceptedCount: number): boolean {
  return requirements?.positions !== undefined && acceptedCount >= requirements.positions;
}

/** Requirements as stored (jsonb); anything that is not a valid requirements object counts as none. */
export function readRequirements(stored: unknown): Requirements | null {
  if (stored === null || stored === undefined) return null;
  const parsed = requirementsSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

const isBlank = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

function answerError(question: Question, value: unknown): string | undefined {
  switch (question.type) {
    case 'text':
      if (typeof value !== 'string') return 'must be text';
      if (question.maxLength !== undefined && value.length > question.maxLength) return `must be at most ${question.maxLength} characters`;
      return undefined;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (question.min !== undefined && value < question.min) return `must be at least ${question.min}`;
      if (question.max !== undefined && value > question.max) return `must be at most ${question.max}`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'choice': {
      const options = question.options ?? [];
      const picked = question.multiple ? value : [value];
      if (!Array.isArray(picked) || !picked.every((p) => typeof p === 'string')) {
        return question.multiple ? 'must be a list of options' : 'must be one of the options';
      }
      const unknown = picked.filter((p) => !options.includes(p));
      if (unknown.length) return `not an option: ${unknown.join(', ')} (options: ${options.join(', ')})`;
      if (new Set(picked).size !== picked.length) return 'an option is picked twice';
      return undefined;
    }
  }
}

/** Field errors of answers against the listing's questions ("answers.<id>"); empty when they fit. */
export function answerErrors(requirements: Requirements | null, answers: Record<string, unknown>): FieldError[] {
  const questions = requirements?.questions ?? [];
  const errors: FieldError[] = [];
  for (const key of Object.keys(answers)) {
    if (!questions.some((q) => q.id === key)) errors.push({ path: `answers.${key}`, message: 'this listing asks no such question' });
  }
  for (const question of questions) {
    const value = answers[question.id];
    const problem = isBlank(value) ? (question.required ? 'an answer is required' : undefined) : answerError(question, value);
    if (problem) errors.push({ path: `answers.${question.id}`, message: problem });
  }
  return errors;
}
