import { createRequire } from 'node:module';

/**
 * Parameters as SQL literals, so a parameterised statement can travel in a simple-protocol
 * script together with BEGIN and the tenant settings (one round trip instead of two).
 *
 * Every value is first converted exactly as node-postgres converts a parameter
 * (`prepareValue`: Date, array, JSON, Buffer, bigint → text), then written as a quoted,
 * **untyped** string literal. An untyped literal and an untyped parameter ($n with no
 * declared type, which is what node-postgres sends) go through the same type resolution
 * in PostgreSQL, so the statement means the same either way — `'42'` for a number,
 * `'{1,2}'` for an array, `'{"a":1}'` for JSON. Nothing is ever written unquoted but NULL.
 *
 * Escaping: single quotes are doubled; a value with a backslash is written as an
 * escape string (E'…') with its backslashes doubled, which reads the same whatever
 * `standard_conforming_strings` says. A value with a NUL byte cannot be inlined (the
 * simple protocol ends the statement text at a NUL): the caller then sends the statement
 * with its parameters, where the server refuses NUL as it always did.
 */

const require = createRequire(import.meta.url);
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (value: unknown) => string | Buffer | null };

/** The literal of one parameter value; undefined when it cannot be inlined (a NUL byte). */
export function parameterLiteral(value: unknown): string | undefined {
  const prepared = prepareValue(value);
  if (prepared === null) return 'NULL';
  // node-postgres sends a Buffer in binary (bytea); its text form is the hex format.
  const text = Buffer.isBuffer(prepared) ? `\\x${prepared.toString('hex')}` : String(prepared);
  return quoteLiteral(text);
}

/** A string as a quoted SQL literal; undefined when it holds a NUL byte. */
export function quoteLiteral(text: string): string | undefined {
  if (text.includes('\0')) return undefined;
  const quoted = text.replaceAll("'", "''");
  return text.includes('\\') ? `E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

const isIdentChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_$\u0080-\uffff]/.test(c);
const DOLLAR_TAG = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

/**
 * The statement with each placeholder `$n` replaced by the literal of `params[n - 1]`;
 * undefined when a value cannot be inlined. Placeholders are recognised as the server's
 * lexer does: not inside string literals ('…', E'…' with backslash escapes), quoted
 * identifiers, dollar-quoted strings, or comments (-- and nested /* *\/), and not as
 * part of an identifier (a$1). The statement text is our own code's SQL (Drizzle's or a
 * repository's), written for standard_conforming_strings = on.
 *
 * Where a statement's placeholders are is found once per statement text (the same
 * statements run again and again: the hot selects are built once, db/prepared.ts); each
 * call only writes the values.
 */
export function inlineParameters(text: string, params: readonly unknown[]): string | undefined {
  if (params.length === 0) return text;
  let plan = plans.get(text);
  if (plan === undefined) {
    plan = placeholdersOf(text);
    if (text.length <= MAX_PLANNED_TEXT) {
      if (plans.size >= MAX_PLANS) plans.clear();
      plans.set(text, plan);
    }
  }
  const { parts, refs } = plan;
  const literals: (string | undefined)[] = new Array(params.length);
  let out = parts[0]!;
  for (let k = 0; k < refs.length; k++) {
    const n = refs[k]!;
    if (n < 1 || n > params.length) throw new Error(`statement refers to $${n} but has ${params.length} parameters`);
    let literal = literals[n - 1];
    if (literal === undefined) {
      literal = parameterLiteral(params[n - 1]);
      if (literal === undefined) return undefined;
      literals[n - 1] = literal;
    }
    out += literal + parts[k + 1]!;
  }
  return out;
}

/** A statement cut at its placeholders: parts[0] $refs[0] parts[1] $refs[1] … parts[refs.length]. */
interface Plan {
  parts: string[];
  refs: number[];
}

/**
 * Statement texts are our code's, but some are built per call (lists, filters, import
 * batches): the cache starts over past this many, and keeps no text longer than this.
 */
const MAX_PLANS = 1000;
const MAX_PLANNED_TEXT = 16 * 1024;
const plans = new Map<string, Plan>();

/** Where the placeholders of a statement are (see inlineParameters); throws on an unterminated literal, identifier or comment. */
function placeholdersOf(text: string): Plan {
  const parts: string[] = [];
  const refs: number[] = [];
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    const next = text[i + 1];
    let end = i + 1;
    if (c === "'") {
      const escapes = (text[i - 1] === 'E' || text[i - 1] === 'e') && !isIdentChar(text[i - 2]);
      end = i + 1;
      for (;;) {
        if (end >= n) throw new Error('unterminated string literal in statement');
        const ch = text[end]!;
        if (escapes && ch === '\\') end += 2;
        else if (ch === "'" && text[end + 1] === "'") end += 2;
        else if (ch === "'") {
          end += 1;
          break;
        } else end += 1;
      }
    } else if (c === '"') {
      end = text.indexOf('"', i + 1);
      while (end !== -1 && text[end + 1] === '"') end = text.indexOf('"', end + 2);
      if (end === -1) throw new Error('unterminated quoted identifier in statement');
      end += 1;
    } else if (c === '-' && next === '-') {
      const newline = text.indexOf('\n', i);
      end = newline === -1 ? n : newline;
    } else if (c === '/' && next === '*') {
      let depth = 1;
      end = i + 2;
      while (depth > 0) {
        if (end >= n) throw new Error('unterminated comment in statement');
        const pair = text.slice(end, end + 2);
        depth += pair === '/*' ? 1 : pair === '*/' ? -1 : 0;
        end += pair === '/*' || pair === '*/' ? 2 : 1;
      }
    } else if (c === '$' && !isIdentChar(text[i - 1])) {
      const digits = /^\$(\d+)/.exec(text.slice(i, i + 12));
      if (digits) {
        // A literal glued to what follows would change the tokens (e.g. $1::int stays fine, $1e stays apart).
        parts.push(out);
        out = '';
        refs.push(Number(digits[1]));
        i += digits[0].length;
        continue;
      }
      const tag = DOLLAR_TAG.exec(text.slice(i, i + 64));
      if (tag) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        if (close === -1) throw new Error('unterminated dollar-quoted string in statement');
        end = close + tag[0].length;
      }
    } else if (isIdentChar(c)) {
      end = i + 1;
      while (end < n && isIdentChar(text[end])) end++;
    }
    out += text.slice(i, end);
    i = end;
  }
  parts.push(out);
  return { parts, refs };
}
