import { describe, expect, it } from 'vitest';
import { permissionsOf } from '../../../test/helpers/context';
import type { AppError } from '../../core/errors';
import { allowedActions, type BookingAction, type BookingParty, type BookingStatus, decideTransition, mayRead, partiesOf } from './policy';

const now = new Date('2026-06-01T12:00:00Z');
const past = new Date('2026-06-01T10:00:00Z');
const future = new Date('2026-06-02T10:00:00Z');

function outcome(status: BookingStatus, action: BookingAction, parties: BookingParty[], startTime = past): string {
  try {
    return decideTransition({ status, startTime }, action, new Set(parties), now);
  } catch (error) {
    return (error as AppError).code;
  }
}

describe('booking state machine', () => {
  it('runs the happy path for the resource and for an account manager', () => {
    for (const party of ['resource', 'account'] as const) {
      expect(outcome('PENDING', 'confirm', [party])).toBe('CONFIRMED');
      expect(outcome('CONFIRMED', 'start', [party])).toBe('IN_PROGRESS');
      expect(outcome('IN_PROGRESS', 'complete', [party])).toBe('COMPLETED');
      expect(outcome('CONFIRMED', 'noShow', [party])).toBe('NO_SHOW');
    }
  });

  it('lets the client cancel but not confirm, start, complete or mark a no-show', () => {
    expect(outcome('PENDING', 'cancel', ['client'])).toBe('CANCELLED');
    expect(outcome('CONFIRMED', 'cancel', ['client'])).toBe('CANCELLED');
    for (const action of ['confirm', 'start', 'complete', 'noShow'] as const) expect(outcome('PENDING', action, ['client'])).toBe('BOOKING_ACTION_FORBIDDEN');
    expect(outcome('PENDING', 'confirm', [])).toBe('BOOKING_ACTION_FORBIDDEN');
  });

  it('refuses illegal transitions with 409 and names what is allowed from there', () => {
    expect(outcome('IN_PROGRESS', 'cancel', ['resource'])).toBe('ILLEGAL_TRANSITION');
    expect(outcome('PENDING', 'start', ['resource'])).toBe('ILLEGAL_TRANSITION');
    try {
      decideTransition({ status: 'PENDING', startTime: past }, 'complete', new Set(['resource']), now);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        kind: 'conflict',
        code: 'ILLEGAL_TRANSITION',
        extra: { from: 'PENDING', action: 'complete', allowed: ['confirm', 'cancel'] },
      });
    }
    for (const terminal of ['COMPLETED', 'CANCELLED', 'NO_SHOW'] as const) {
      expect(allowedActions(terminal, new Set(['client', 'resource', 'account']))).toEqual([]);
    }
    expect(allowedActions('PENDING', new Set(['client']))).toEqual(['cancel']);
  });

  it('allows a start, a completion or a no-show only once the booking was due to start', () => {
    expect(outcome('CONFIRMED', 'noShow', ['resource'], future)).toBe('BOOKING_NOT_STARTED');
    expect(outcome('CONFIRMED', 'start', ['resource'], future)).toBe('BOOKING_NOT_STARTED');
    expect(outcome('IN_PROGRESS', 'complete', ['account'], future)).toBe('BOOKING_NOT_STARTED');
    expect(outcome('CONFIRMED', 'start', ['resource'], now)).toBe('IN_PROGRESS');
    // confirm and cancel are for the time before
    expect(outcome('PENDING', 'confirm', ['resource'], future)).toBe('CONFIRMED');
    expect(outcome('CONFIRMED', 'cancel', ['client'], future)).toBe('CANCELLED');
  });
});

describe('parties', () => {
  const facts = { clientId: 'c', resourceId: 'r', resourceAccountIds: ['acc-1'] };
  const user = permissionsOf(['user.*.*']);

  it('derives client, resource and account from the actor and their grants', () => {
    expect([...partiesOf(facts, 'c', user)]).toEqual(['client']);
    expect([...partiesOf(facts, 'r', user)]).toEqual(['resource']);
    expect([...partiesOf(facts, 'x', user)]).toEqual([]);
    expect([...partiesOf(facts, 'x', permissionsOf(['account.bookings.manage@acc-1']))]).toEqual(['account']);
    expect([...partiesOf(facts, 'x', permissionsOf(['account.bookings.manage@acc-2']))]).toEqual([]);
    expect([...partiesOf(facts, 'x', permissionsOf(['account.*.*']))]).toEqual(['account']); // tenant-wide
    // without user.bookings.update being the client is not enough
    expect([...partiesOf(facts, 'c', permissionsOf(['user.bookings.read']))]).toEqual([]);
  });

  it('lets the involved people, account readers and tenant readers see a booking, nobody else', () => {
    expect(mayRead(facts, 'c', user)).toBe(true);
    expect(mayRead(facts, 'x', user)).toBe(false);
    expect(mayRead(facts, 'x', permissionsOf(['account.bookings.read@acc-1']))).toBe(true);
    expect(mayRead(facts, 'x', permissionsOf(['account.bookings.read@acc-2']))).toBe(false);
    expect(mayRead(facts, 'x', permissionsOf(['tenant.bookings.read']))).toBe(true);
  });
});
