import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layers of src/ point one way (docs/development.md, "Layers"):
 *
 *   core ← config ← db ← http/kit ← modules/* ← app ← cli ← main
 *
 * - a module imports core, config, db, http/kit and other modules' index.ts — never
 *   another module's internals, never app/ or cli/;
 * - only app/ and cli/ (and main.ts) sit on top;
 * - no import cycle between folders;
 * - SQL lives in repository files: inside a module only `repository.ts`,
 *   `*-repository.ts` or files under a `repository/` folder import the query builder,
 *   the table definitions or the raw-SQL helpers, or call query/exec/script with SQL text.
 *
 * The walk uses the TypeScript compiler's own import scanner over every file of src/.
 */
const root = resolve(__dirname, '../..');
const src = join(root, 'src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

interface Edge {
  from: string;
  /** Resolved file under src/, or the bare package name. */
  to: string;
  spec: string;
}

function resolveImport(from: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next form
    }
  }
  throw new Error(`${relative(root, from)}: cannot resolve ${spec}`);
}

const files = tsFiles(src);
const edges: Edge[] = files.flatMap((file) =>
  ts
    .preProcessFile(readFileSync(file, 'utf8'), true, true)
    .importedFiles.map(({ fileName }) => ({ from: file, to: resolveImport(file, fileName), spec: fileName })),
);

/** The layer unit of a file: core, config, db, http/kit, app, cli, main, or modules/<name>. */
function unitOf(file: string): string {
  const path = relative(src, file).split('/');
  if (path[0] === 'modules') return `modules/${path[1]}`;
  if (path[0] === 'http') return `http/${path[1]}`;
  if (path.length === 1) return path[0]!.replace(/\.ts$/, '');
  return path[0]!;
}

const rank: Record<string, number> = { core: 0, config: 1, db: 2, 'http/kit': 3, modules: 4, app: 5, cli: 6, main: 7 };
const rankOf = (unit: string) => rank[unit.startsWith('modules/') ? 'modules' : unit] ?? -1;
const isTest = (file: string) => /\.test\.ts$/.test(file);
const internal = edges.filter((e) => e.to.startsWith(src) && !isTest(e.from));
const show = (e: Edge) => `${relative(root, e.from)} → ${e.spec}`;

describe('architecture: imports', () => {
  it('knows the layer of every folder in src/', () => {
    expect([...new Set(files.map(unitOf))].filter((unit) => rankOf(unit) < 0)).toEqual([]);
  });

  it('points down the layers: nothing imports a layer above its own', () => {
    const upward = internal.filter((e) => {
      const [from, to] = [unitOf(e.from), unitOf(e.to)];
      return from !== to && rankOf(to) > rankOf(from);
    });
    expect(upward.map(show)).toEqual([]);
  });

  it('reaches another module only through its index.ts', () => {
    const bypassing = internal.filter((e) => {
      const to = unitOf(e.to);
      return to.startsWith('modules/') && unitOf(e.from) !== to && e.to !== join(src, to, 'index.ts');
    });
    expect(bypassing.map(show)).toEqual([]);
  });

  it('has no import cycle between folders', () => {
    // The files at the top of src/ (config.ts low, main.ts on top) count as units of their own.
    const folder = (file: string) => (dirname(file) === src ? unitOf(file) : relative(src, dirname(file)));
    const graph = new Map<string, Set<string>>();
    for (const e of internal) {
      const [a, b] = [folder(e.from), folder(e.to)];
      if (a !== b) graph.set(a, (graph.get(a) ?? new Set()).add(b));
    }
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('keeps SQL in repository files', () => {
    const isRepository = (file: string) => /(^|-)repository\.ts$/.test(file.split('/').pop()!) || file.includes('/repository/');
    const sqlTools = (e: Edge) =>
      e.to === 'drizzle-orm' || e.to.startsWith('drizzle-orm/') || e.to.startsWith(join(src, 'db/schema')) || e.to === join(src, 'db/sql.ts');
    const outside = internal
      .concat(edges.filter((e) => !e.to.startsWith(src) && !isTest(e.from)))
      .filter((e) => unitOf(e.from).startsWith('modules/') && sqlTools(e) && !isRepository(e.from));
    expect([...new Set(outside.map((e) => relative(root, e.from)))].sort()).toEqual([]);
  });

  it('keeps raw SQL strings in repository files too (db.query, session.exec, … with a literal)', () => {
    const isRepository = (file: string) => /(^|-)repository\.ts$/.test(file.split('/').pop()!) || file.includes('/repository/');
    // A call of query/exec/script whose first argument is a string or template literal.
    const rawSql = /\.(query|exec|script)\s*(<[^()]*?>)?\(\s*[`'"]/;
    const outside = files.filter(
      (file) => relative(src, file).startsWith('modules/') && !isTest(file) && !isRepository(file) && rawSql.test(readFileSync(file, 'utf8')),
    );
    expect(outside.map((file) => relative(root, file)).sort()).toEqual([]);
  });
});

/** Strongly connected components with more than one folder (Tarjan). */
function cyclesOf(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const state = new Map<string, { index: number; low: number; onStack: boolean }>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    const s = { index, low: index, onStack: true };
    index += 1;
    state.set(v, s);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      const t = state.get(w);
      if (!t) {
        visit(w);
        s.low = Math.min(s.low, state.get(w)!.low);
      } else if (t.onStack) s.low = Math.min(s.low, t.index);
    }
    if (s.low === s.index) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        state.get(w)!.onStack = false;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!state.has(v)) visit(v);
  return cycles;
}
