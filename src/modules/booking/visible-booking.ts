import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import type { TenantTx } from '../../db/tenant-context';
import type { AccountScope } from './access';
import { type BookingFacts, mayRead, partiesOf } from './policy';
import * as repo from './repository';

/**
 * The booking with the parties the actor acts as, or 404 when the actor may not see it
 * (or, through an account route, when the resource is not a member of that account).
 */
export async function visibleBooking(tx: TenantTx, ctx: RequestContext, bookingId: string, lock: boolean, scope?: AccountScope) {
  const booking = await repo.findBooking(tx, bookingId, lock);
  if (!booking) throw new AppError('BOOKING_NOT_FOUND');
  const facts: BookingFacts = {
    clientId: booking.clientId,
    resourceId: booking.resourceId,
    resourceAccountIds: await repo.accountIdsOf(tx, booking.resourceId),
  };
  const actorId = ctx.actor?.userId ?? null;
  if (scope && !facts.resourceAccountIds.includes(scope.accountId)) throw new AppError('BOOKING_NOT_FOUND');
  if (!mayRead(facts, actorId, ctx.permissions)) throw new AppError('BOOKING_NOT_FOUND');
  return { booking, facts, parties: partiesOf(facts, actorId, ctx.permissions) };
}
