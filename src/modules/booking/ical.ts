/**
 * iCalendar (RFC 5545) for the per-resource calendar feed. Written by hand because
 * the format is small and the details that calendar apps trip over are exactly the
 * ones to get right: CRLF line ends, lines folded at 75 octets without splitting a
 * UTF-8 character, TEXT values escaped, times in UTC.
 */
export interface CalendarEvent {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string | null;
  location?: string | null;
  url?: string | null;
  status: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
  created: Date;
  lastModified: Date;
}

export interface Calendar {
  name: string;
  events: readonly CalendarEvent[];
  /** DTSTAMP of every event: when this copy of the feed was made. */
  generatedAt: Date;
}

/** TEXT value escaping (§3.3.11); other control characters are not allowed at all. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, ''); // eslint-disable-line no-control-regex
}

/** DATE-TIME in UTC form (§3.3.5), e.g. 20260329T070000Z. */
export const formatDateTime = (date: Date): string =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/**
 * Folds one content line (§3.1): at most 75 octets per physical line, continuation
 * lines start with a space, and a multi-octet UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

export function renderCalendar(calendar: Calendar): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Mono//Bookings//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(calendar.name)}`,
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT15M',
    'X-PUBLISHED-TTL:PT15M',
  ];
  const stamp = formatDateTime(calendar.generatedAt);
  for (const event of calendar.events) {
    lines.push('BEGIN:VEVENT', `UID:${escapeText(event.uid)}`, `DTSTAMP:${stamp}`);
    lines.push(`DTSTART:${formatDateTime(event.start)}`, `DTEND:${formatDateTime(event.end)}`);
    lines.push(`SUMMARY:${escapeText(event.summary)}`);
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
    if (event.url) lines.push(`URL:${event.url.replace(/[\r\n]/g, '')}`);
    lines.push(`STATUS:${event.status}`, `CREATED:${formatDateTime(event.created)}`, `LAST-MODIFIED:${formatDateTime(event.lastModified)}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

export interface Invitation {
  /** REQUEST: add or update the event in the recipient's calendar; CANCEL: remove it. */
  method: 'REQUEST' | 'CANCEL';
  event: Omit<CalendarEvent, 'created' | 'lastModified'>;
  /** Goes up with every change of the event (bookings.ical_sequence): the newest copy wins. */
  sequence: number;
  organizer: { name: string; email: string };
  attendees: readonly { name: string; email: string }[];
  stamp: Date;
}

const cal = (value: string) => escapeText(value).replace(/[;:"]/g, ' ');

/** One event as an e-mailed invitation (RFC 5546 iTIP): METHOD, a stable UID and SEQUENCE. */
export function renderInvitation(invitation: Invitation): string {
  const { event } = invitation;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Mono//Bookings//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${invitation.method}`,
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `SEQUENCE:${invitation.sequence}`,
    `DTSTAMP:${formatDateTime(invitation.stamp)}`,
    `DTSTART:${formatDateTime(event.start)}`,
    `DTEND:${formatDateTime(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.url) lines.push(`URL:${event.url.replace(/[\r\n]/g, '')}`);
  lines.push(`ORGANIZER;CN="${cal(invitation.organizer.name)}":mailto:${invitation.organizer.email}`);
  for (const a of invitation.attendees) lines.push(`ATTENDEE;CN="${cal(a.name)}";ROLE=REQ-PARTICIPANT:mailto:${a.email}`);
  lines.push(`STATUS:${invitation.method === 'CANCEL' ? 'CANCELLED' : event.status}`, 'END:VEVENT', 'END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
