import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeCli } from '../helpers/cli';
import { createTenantGraph, type TenantGraph } from '../helpers/graph';

/** The commands around exportTenant/importTenant (test/export/tenant-dump.test.ts): output, progress, refusals. */
describeCli('mono tenant export / import', (t) => {
  let graph: TenantGraph;
  let work: string;
  beforeAll(async () => {
    graph = await createTenantGraph(t.db, 'dump-cli');
    work = await mkdtemp(join(tmpdir(), 'mono-dump-cli-'));
  });
  afterAll(async () => rm(work, { recursive: true, force: true }));

  it('exports with progress on stderr and a summary on stdout; importing where the tenant exists is refused', async () => {
    const out = join(work, 'dump');
    const exported = await t.cli(['tenant', 'export', '--tenant', graph.identifier, '--out', out, '--batch-size', '5']);
    expect(exported.code, exported.text).toBe(0);
    expect(exported.out.at(-1)).toMatch(new RegExp(`^Exported tenant ${graph.identifier} \\(${graph.tenantId}\\): [\\d,]+ rows of \\d+ tables`));
    expect(exported.err.some((line) => line.startsWith('users '))).toBe(true);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'mono-tenant-dump', formatVersion: 1, tenant: { id: graph.tenantId } });

    const again = await t.cli(['tenant', 'export', '--tenant', graph.identifier, '--out', out]);
    expect(again.code).toBe(1);
    expect(again.err.join('\n')).toContain('is not empty');

    const imported = await t.cli(['tenant', 'import', out]);
    expect(imported.code).toBe(1);
    expect(imported.err.join('\n')).toContain(`mono: tenant ${graph.tenantId} already exists here`);
    expect((await t.cli(['tenant', 'import', work])).err.join('\n')).toContain('has no manifest.json');
  }, 120_000); // five commands, each opening the database (PGlite: from its data directory)
});
