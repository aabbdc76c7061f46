import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * Streaming readers of import files: memory stays flat with the file's size (one chunk
 * and one record at a time). A record knows the line it starts on, for the report.
 *
 * NDJSON: one JSON object per line; blank lines are skipped.
 * CSV (RFC 4180): a header row names the fields; fields may be quoted ("…", "" for a
 * quote) and then hold commas and line breaks; an empty cell is an absent field.
 */
export interface RawRecord {
  /** 1-based line number where the record starts. */
  line: number;
  /** The parsed object, or the reason it could not be read. */
  value: Record<string, unknown> | { unreadable: string };
}

export type FileFormat = 'ndjson' | 'csv';

async function* chunks(path: string): AsyncGenerator<string> {
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 })) yield chunk as string;
}

async function* ndjson(path: string): AsyncGenerator<RawRecord> {
  let rest = '';
  let line = 0;
  const parse = (text: string, at: number): RawRecord | undefined => {
    const trimmed = text.replace(/\r$/, '').trim();
    if (!trimmed) return undefined;
    try {
      const value = JSON.parse(trimmed) as unknown;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return { line: at, value: { unreadable: 'is not a JSON object' } };
      return { line: at, value: value as Record<string, unknown> };
    } catch (error) {
      return { line: at, value: { unreadable: `is not valid JSON (${(error as Error).message})` } };
    }
  };
  for await (const chunk of chunks(path)) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    for (const part of parts) {
      line += 1;
      const record = parse(part, line);
      if (record) yield record;
    }
  }
  if (rest) {
    const record = parse(rest, line + 1);
    if (record) yield record;
  }
}

/** CSV rows as arrays of cells, each with the line it starts on. */
async function* csvRows(path: string): AsyncGenerator<{ line: number; cells: string[] }> {
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let rowLine = 1;
  let started = false;
  for await (const chunk of chunks(path)) {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (quoted) {
        if (c === '"') {
          quoted = false;
          afterQuote = true;
        } else {
          if (c === '\n') line += 1;
          cell += c;
        }
        continue;
      }
      if (c === '"') {
        if (afterQuote) cell += '"'; // "" inside a quoted field
        quoted = true;
        afterQuote = false;
        started = true;
      } else if (c === ',') {
        cells.push(cell);
        cell = '';
        afterQuote = false;
        started = true;
      } else if (c === '\n') {
        if (cell.endsWith('\r') && !afterQuote) cell = cell.slice(0, -1);
        cells.push(cell);
        if (started || cells.length > 1 || cells[0] !== '') yield { line: rowLine, cells };
        cells = [];
        cell = '';
        afterQuote = false;
        started = false;
        line += 1;
        rowLine = line;
      } else if (c === '\r' && afterQuote) {
        // CRLF after a closing quote
      } else {
        cell += c;
        afterQuote = false;
        started = true;
      }
    }
  }
  if (started || cell !== '' || cells.length) {
    cells.push(cell);
    yield { line: rowLine, cells };
  }
}

async function* csv(path: string): AsyncGenerator<RawRecord> {
  let header: string[] | undefined;
  for await (const { line, cells } of csvRows(path)) {
    if (!header) {
      header = cells.map((h) => h.trim().replace(/^\uFEFF/, ''));
      continue;
    }
    if (cells.length !== header.length) {
      yield { line, value: { unreadable: `has ${cells.length} fields, the header names ${header.length}` } };
      continue;
    }
    const value: Record<string, unknown> = {};
    header.forEach((name, i) => {
      if (cells[i] !== '') value[name] = cells[i];
    });
    yield { line, value };
  }
}

export function readRecords(path: string, format: FileFormat): AsyncGenerator<RawRecord> {
  return format === 'csv' ? csv(path) : ndjson(path);
}

/** The SHA-256 of a file, streamed: a checkpoint belongs to exactly this content. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
