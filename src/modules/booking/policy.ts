import type { PermissionChecker, RequestContext } from '../../core/context';
import { AppError, illegalTransition } from '../../core/errors';

/**
 * Who may do what with a booking. Pure: the service gathers the facts (the booking,
 * the actor, the accounts the resource belongs to) and asks here.
 *
 * Parties
 *   client    the person who booked (booking.clientId)
 *   resource  the person who is booked (booking.resourceId)
 *   account   someone holding account.bookings.manage for an account the resource is a
 *             member of (or tenant-wide): agencies run their people's calendars
 */
export const BOOKING_STATUSES = ['PENDING', 'CONFIRMED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Statuses that hold the resource's time (the exclusion constraint's WHERE clause). */
export const ACTIVE_STATUSES = ['PENDING', 'CONFIRMED', 'IN_PROGRESS'] as const satisfies readonly BookingStatus[];

export type BookingParty = 'client' | 'resource' | 'account';

export const BOOKING_ACTIONS = ['confirm', 'start', 'complete', 'cancel', 'noShow'] as const;
export type BookingAction = (typeof BOOKING_ACTIONS)[number];

interface Transition {
  from: readonly BookingStatus[];
  to: BookingStatus;
  by: readonly BookingParty[];
  /** Only once the booking's start time has passed. */
  afterStart?: boolean;
}

/** The state machine. Anything not listed here is refused. */
export const bookingTransitions: Record<BookingAction, Transition> = {
  confirm: { from: ['PENDING'], to: 'CONFIRMED', by: ['resource', 'account'] },
  start: { from: ['CONFIRMED'], to: 'IN_PROGRESS', by: ['resource', 'account'], afterStart: true },
  complete: { from: ['IN_PROGRESS'], to: 'COMPLETED', by: ['resource', 'account'], afterStart: true },
  cancel: { from: ['PENDING', 'CONFIRMED'], to: 'CANCELLED', by: ['client', 'resource', 'account'] },
  noShow: { from: ['CONFIRMED'], to: 'NO_SHOW', by: ['resource', 'account'], afterStart: true },
};

const partyNames = (parties: readonly BookingParty[]) => parties.map((p) => (p === 'account' ? 'an account manager' : `the ${p}`)).join(' or ');

/** Whether the actor manages bookings (and may override availability) for this resource. */
export function managesResource(permissions: PermissionChecker, resourceAccountIds: readonly string[]): boolean {
  return permissions.can('account.bookings.manage') || resourceAccountIds.some((accountId) => permissions.can('account.bookings.manage', accountId));
}

export interface BookingFacts {
  clientId: string;
  resourceId: string;
  /** Accounts the resource is a member of. */
  resourceAccountIds: readonly string[];
}

/** The parties the actor acts as for this booking (none: they may not change it). */
export function partiesOf(facts: BookingFacts, actorId: string | null, permissions: PermissionChecker): Set<BookingParty> {
  const parties = new Set<BookingParty>();
  const ownBookings = permissions.can('user.bookings.update');
  if (actorId !== null && actorId === facts.clientId && ownBookings) parties.add('client');
  if (actorId !== null && actorId === facts.resourceId && ownBookings) parties.add('resource');
  if (managesResource(permissions, facts.resourceAccountIds)) parties.add('account');
  return parties;
}

/** Who may see a booking; everyone else gets a 404 that reveals nothing. */
export function mayRead(facts: BookingFacts, actorId: string | null, permissions: PermissionChecker): boolean {
  const involved = actorId !== null && (actorId === facts.clientId || actorId === facts.resourceId);
  return (
    (involved && permissions.can('user.bookings.read')) ||
    permissions.can('tenant.bookings.read') ||
    permissions.can('account.bookings.read') ||
    facts.resourceAccountIds.some((accountId) => permissions.can('account.bookings.read', accountId)) ||
    partiesOf(facts, actorId, permissions).size > 0
  );
}

/** Actions the given parties may take from a status (for the 409's list of what is allowed). */
export function allowedActions(status: BookingStatus, parties: ReadonlySet<BookingParty>): BookingAction[] {
  return BOOKING_ACTIONS.filter((action) => {
    const t = bookingTransitions[action];
    return t.from.includes(status) && t.by.some((p) => parties.has(p));
  });
}

/**
 * The status a booking moves to, or the reason it may not: 403 when none of the
 * actor's parties may take this action at all, 409 when the booking's status does not
 * allow it (naming what is allowed), 409 BOOKING_NOT_STARTED for a start, completion or
 * no-show before the booking's start time.
 */
export function decideTransition(
  booking: { status: BookingStatus; startTime: Date },
  action: BookingAction,
  parties: ReadonlySet<BookingParty>,
  now: Date,
): BookingStatus {
  const transition = bookingTransitions[action];
  if (!transition.by.some((p) => parties.has(p))) {
    throw new AppError('BOOKING_ACTION_FORBIDDEN', `Only ${partyNames(transition.by)} can ${action} a booking`);
  }
  if (!transition.from.includes(booking.status)) {
    throw illegalTransition('booking', booking.status, action, allowedActions(booking.status, parties));
  }
  if (transition.afterStart && now < booking.startTime) {
    const what = action === 'noShow' ? 'marked as a no-show' : action === 'start' ? 'started' : 'completed';
    throw new AppError('BOOKING_NOT_STARTED', `A booking can be ${what} only once it is due to start (${booking.startTime.toISOString()})`, {
      extra: { start: booking.startTime.toISOString() },
    });
  }
  return transition.to;
}

/** Fields of a booking each party may change. Money is not the client's to set. */
export const editableBy: Record<'details' | 'money', readonly BookingParty[]> = {
  details: ['client', 'resource', 'account'],
  money: ['resource', 'account'],
};

export function assertMayEdit(kind: keyof typeof editableBy, parties: ReadonlySet<BookingParty>): void {
  if (!editableBy[kind].some((p) => parties.has(p))) {
    throw new AppError(
      'BOOKING_EDIT_FORBIDDEN',
      `Only ${partyNames(editableBy[kind])} can change the ${kind === 'money' ? 'price or payment' : 'details'} of a booking`,
    );
  }
}

/** The signed-in user, or 401: booking for oneself needs to know who one is. */
export function requireActor(ctx: RequestContext): string {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return ctx.actor.userId;
}

/**
 * Whether the actor may manage (or, with `read`, look at) a user's availability and
 * calendar feed: their own with the user-tier permission, or their account members'
 * with the account-tier one.
 */
export function mayManageUser(ctx: RequestContext, userId: string, userAccountIds: readonly string[], access: 'read' | 'update'): boolean {
  const self = ctx.actor?.userId === userId && ctx.permissions.can(`user.availability.${access}`);
  const readsAccount = access === 'read' && userAccountIds.some((accountId) => ctx.permissions.can('account.bookings.read', accountId));
  return self || readsAccount || managesResource(ctx.permissions, userAccountIds);
}
