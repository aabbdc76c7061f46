import type { TenantTx } from '../../db/tenant-context';
import { notify, peopleOf } from '../notifications';
import { renderInvitation } from './ical';
import type { BookingRow } from './repository';

export type BookingNoticeKind = 'booking.requested' | 'booking.confirmed' | 'booking.cancelled' | 'booking.rescheduled';

/** When a booking starts, as its people read it: in its own time zone. */
export function localStart(row: Pick<BookingRow, 'startTime' | 'timezone'>): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: row.timezone, dateStyle: 'medium', timeStyle: 'short' }).format(row.startTime);
}

/**
 * Tells both sides of a booking — its client and the booked person — about a change,
 * in-app and by e-mail with a calendar invitation: METHOD:REQUEST (add or update) or, for
 * a cancellation, METHOD:CANCEL, with the booking's stable UID and its SEQUENCE.
 */
export async function noticeBooking(tx: TenantTx, kind: BookingNoticeKind, row: BookingRow, actorId: string | null): Promise<void> {
  const people = await peopleOf(tx, [row.resourceId, row.clientId]);
  const resource = people.find((p) => p.id === row.resourceId);
  const client = people.find((p) => p.id === row.clientId);
  const by = actorId === row.clientId ? client : actorId === row.resourceId ? resource : actorId ? (await peopleOf(tx, [actorId]))[0] : undefined;
  const organizer = resource ?? client;
  const attachments = organizer
    ? [
        {
          filename: kind === 'booking.cancelled' ? 'cancel.ics' : 'invite.ics',
          contentType: `text/calendar; charset=utf-8; method=${kind === 'booking.cancelled' ? 'CANCEL' : 'REQUEST'}`,
          content: renderInvitation({
            method: kind === 'booking.cancelled' ? 'CANCEL' : 'REQUEST',
            event: {
              uid: `${row.id}@mono`,
              start: row.startTime,
              end: row.endTime,
              summary: row.title,
              description: row.description,
              location: row.location ?? row.meetingUrl,
              url: row.meetingUrl,
              status: row.status === 'PENDING' ? 'TENTATIVE' : row.status === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED',
            },
            sequence: row.icalSequence,
            organizer,
            attendees: client && client !== organizer ? [client] : [],
            stamp: new Date(),
          }),
        },
      ]
    : [];
  await notify(tx, {
    kind,
    recipients: { users: [...new Set([row.clientId, row.resourceId])] },
    variables: { title: row.title, start: localStart(row), timezone: row.timezone, by: by?.name ?? 'The marketplace' },
    link: '/console/bookings',
    resource: { type: 'booking', id: row.id },
    email: { attachments },
  });
}

/** The reminder before a booking: both sides, once per booking and start (the marker row). */
export async function noticeReminder(tx: TenantTx, row: Pick<BookingRow, 'id' | 'title' | 'startTime' | 'timezone' | 'clientId' | 'resourceId'>) {
  await notify(tx, {
    kind: 'booking_reminder.due',
    recipients: { users: [...new Set([row.clientId, row.resourceId])] },
    variables: { title: row.title, start: localStart(row), timezone: row.timezone },
    link: '/console/bookings',
    resource: { type: 'booking', id: row.id },
  });
}
