import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, renderCalendar } from './ical';

/** RFC 5545 §3.1 unfolding: a CRLF followed by one space or tab is removed. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

/** The inverse of TEXT escaping, to prove nothing is lost. */
const unescapeText = (text: string) => text.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

describe('iCalendar output', () => {
  const event = {
    uid: '0190f3c2-0000-7000-8000-000000000001@mono',
    start: new Date('2026-03-29T07:00:00Z'),
    end: new Date('2026-03-29T08:30:00Z'),
    summary: 'Fitting; shoes, hats\\gloves',
    description: 'Line one\nLine two — bring the “red” dress 👗 and a very long explanation that needs folding '.repeat(3),
    location: 'Mariahilfer Straße 1, Wien',
    url: 'https://meet.example.com/abc?x=1,2',
    status: 'CONFIRMED' as const,
    created: new Date('2026-03-01T10:00:00Z'),
    lastModified: new Date('2026-03-02T11:15:30Z'),
  };
  const text = renderCalendar({ name: 'Anna, bookings', events: [event], generatedAt: new Date('2026-03-03T00:00:00Z') });

  it('uses CRLF line ends only and folds every line to at most 75 octets', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text.split('\r\n').some((line) => line.startsWith(' '))).toBe(true);
  });

  it('writes a well-formed VCALENDAR with one VEVENT in UTC', () => {
    const lines = unfold(text).split('\r\n');
    expect(lines.slice(0, 5)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Mono//Bookings//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH']);
    expect(lines).toContain('X-WR-CALNAME:Anna\\, bookings');
    expect(lines).toContain('DTSTART:20260329T070000Z');
    expect(lines).toContain('DTEND:20260329T083000Z');
    expect(lines).toContain('DTSTAMP:20260303T000000Z');
    expect(lines).toContain('LAST-MODIFIED:20260302T111530Z');
    expect(lines).toContain('SUMMARY:Fitting\\; shoes\\, hats\\\\gloves');
    expect(lines).toContain('LOCATION:Mariahilfer Straße 1\\, Wien');
    expect(lines).toContain('URL:https://meet.example.com/abc?x=1,2');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines.at(-2)).toBe('END:VCALENDAR');
    const description = lines.find((l) => l.startsWith('DESCRIPTION:'))!;
    expect(unescapeText(description.slice('DESCRIPTION:'.length))).toBe(event.description);
  });

  it('folding never splits a character and unfolding restores the line (any text)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (value) => {
        const line = `DESCRIPTION:${escapeText(value)}`;
        const folded = foldLine(line);
        expect(unfold(folded)).toBe(line);
        for (const physical of folded.split('\r\n')) {
          expect(Buffer.byteLength(physical, 'utf8')).toBeLessThanOrEqual(75);
          expect(physical).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/); // no half of a character
        }
        expect(escapeText(value)).not.toMatch(/[\r\n]/);
      }),
      { numRuns: 300 },
    );
  });
});
