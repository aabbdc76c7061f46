import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';
import { errorCatalogue } from '../../src/core/errors';
import { constraintErrors } from '../../src/db/constraint-errors';
import { describeDb } from '../helpers/db';

/**
 * One catalogue of error codes (src/core/error-catalogue.ts). The type of AppError only
 * takes catalogue codes; this also catches a code written as a string anywhere else (a
 * problem built by hand, a constraint table entry), a catalogue entry nobody can answer
 * any more, and a constraint table row for a constraint the schema does not have.
 */
const src = resolve(__dirname, '../../src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });

/** String literals that look like error codes, where they are used as one. */
function codeLiterals(): { code: string; where: string }[] {
  const found: { code: string; where: string }[] = [];
  for (const file of files(src)) {
    if (file.endsWith('error-catalogue.ts')) continue;
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteral(node) && /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(node.text)) {
        const parent = node.parent;
        const asCode =
          (ts.isNewExpression(parent) && parent.expression.getText() === 'AppError') ||
          (ts.isPropertyAssignment(parent) && parent.name.getText() === 'code') ||
          // a route's `errors: [...]` declaration
          (ts.isArrayLiteralExpression(parent) && ts.isPropertyAssignment(parent.parent) && parent.parent.name.getText() === 'errors');
        if (asCode) found.push({ code: node.text, where: `${relative(src, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

it('throws, declares and maps only codes of the catalogue', () => {
  const literals = codeLiterals();
  expect(literals.length).toBeGreaterThan(100);
  const unknown = literals.filter(({ code }) => !(code in errorCatalogue) && !/^(FST|ERR)_/.test(code));
  expect(unknown.map((u) => `${u.where} ${u.code}`)).toEqual([]);
});

it('has no catalogue entry that nothing can answer', () => {
  const used = new Set(codeLiterals().map((l) => l.code));
  const text = files(src)
    .filter((f) => !f.endsWith('error-catalogue.ts'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const dead = Object.keys(errorCatalogue).filter((code) => !used.has(code) && !text.includes(`'${code}'`));
  expect(dead).toEqual([]);
});

describeDb('error codes: the constraint table', (t) => {
  it('names only constraints (or trigger-raised names) the schema has', async () => {
    const names = new Set(
      (await t.db.query<{ name: string }>(`select conname as name from pg_constraint union select indexname from pg_indexes`)).map((r) => r.name),
    );
    // Triggers raise some refusals under a constraint name of their own (e.g. account_keeps_an_admin).
    const raised = (await t.db.query<{ body: string }>(`select prosrc as body from pg_proc where pronamespace = 'mono'::regnamespace`))
      .map((r) => r.body)
      .join('\n');
    const missing = Object.keys(constraintErrors).filter((name) => !names.has(name) && !raised.includes(name));
    expect(missing).toEqual([]);
  });
});
