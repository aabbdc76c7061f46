/**
 * Splits a SQL script into its statements, so the migration runner can send them one by
 * one: Citus refuses some DDL on distributed tables (CREATE INDEX, CREATE TRIGGER) when
 * it arrives in a multi-statement query string. Understands what can hide a semicolon:
 * '…' and E'…' strings, "…" identifiers, $tag$…$tag$ bodies, -- and (nested) block
 * comments. Comments and blank statements are dropped; each statement is returned
 * trimmed, without its terminating semicolon.
 */
export function splitSqlStatements(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  const n = script.length;
  const push = () => {
    const text = current.trim();
    if (text) statements.push(text);
    current = '';
  };
  while (i < n) {
    const c = script[i]!;
    const next = script[i + 1];
    if (c === '-' && next === '-') {
      const end = script.indexOf('\n', i);
      i = end === -1 ? n : end + 1;
      current += '\n';
      continue;
    }
    if (c === '/' && next === '*') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (script[i] === '/' && script[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (script[i] === '*' && script[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
      current += ' ';
      continue;
    }
    if (c === "'") {
      const escapes = /[eE]/.test(script[i - 1] ?? '') && !/[A-Za-z0-9_$]/.test(script[i - 2] ?? '');
      let j = i + 1;
      while (j < n) {
        if (escapes && script[j] === '\\') j += 2;
        else if (script[j] === "'" && script[j + 1] === "'") j += 2;
        else if (script[j] === "'") break;
        else j++;
      }
      current += script.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < n && !(script[j] === '"' && script[j + 1] !== '"')) j += script[j] === '"' ? 2 : 1;
      current += script.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '$' && !/[A-Za-z0-9_]/.test(script[i - 1] ?? '')) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(script.slice(i, i + 64));
      if (tag) {
        const end = script.indexOf(tag[0], i + tag[0].length);
        const stop = end === -1 ? n : end + tag[0].length;
        current += script.slice(i, stop);
        i = stop;
        continue;
      }
    }
    if (c === ';') {
      push();
      i++;
      continue;
    }
    current += c;
    i++;
  }
  push();
  return statements;
}
