import type { Database, StatementObserver } from '../../src/db/client';

/**
 * The data-access rule, checked on what really runs: every statement a request sends
 * in a tenant's context (role mono_app) names the tenant itself — each scan of a
 * tenant-owned table carries `tenant_id = <the tenant>`. RLS would hide other tenants'
 * rows anyway; the explicit predicate is what lets Citus route a statement to one shard
 * and the planner estimate it well (docs/development.md, "Data access").
 *
 * How: the test database observes every statement (src/db/client.ts `observe`); those
 * inside a mono_app transaction (or the one-round-trip session script) are kept, one per
 * distinct text, with their parameters. Afterwards each is EXPLAINed as the database
 * owner — who is not subject to RLS, so the plan shows only the statement's own
 * conditions — and every scan node of a table with a tenant_id column must have a
 * tenant_id equality among its conditions.
 */
/** A transaction's settings that make it a tenant's (role mono_app), in either form (db/tenant-context.ts). */
const asTenant = /^set local role mono_app;?$|^select set_config\('role', 'mono_app', true\)/m;

export class TenantStatementLog {
  /** By the statement's shape (literals blanked): one EXPLAIN per distinct statement. */
  private readonly statements = new Map<string, { text: string; params: readonly unknown[]; setup: string }>();

  private keep(text: string, params: readonly unknown[], setup: string): void {
    const shape = text.replace(/'(?:[^']|'')*'/g, '?');
    if (!this.statements.has(shape)) this.statements.set(shape, { text, params, setup });
  }

  readonly observe: StatementObserver = ({ text, params, transactionSetup }) => {
    // The server engine's own transaction control (BEGIN with the settings, COMMIT, ROLLBACK).
    if (/^\s*(begin|commit|rollback|savepoint|release)\b/i.test(text)) return;
    // A setting of the transaction (e.g. the fuzzy search's pg_trgm threshold) reads no table.
    if (/^\s*set\s+(local\s+)?[a-z_.]+\s*(=|to)\s*[^;]*;?\s*$/i.test(text)) return;
    if (transactionSetup && asTenant.test(transactionSetup)) return this.keep(text, params, transactionSetup);
    // queryInTenant: the settings (one select of set_config calls, or on Citus a SET LOCAL a
    // line) and one statement as a single simple-protocol script. A request served from the
    // session cache adds the session guard after the settings.
    const script =
      /^(select set_config\('role', 'mono_app', true\)[^\n]*;\n)(?:select mono\.session_guard\([^)]*\);\n)?([\s\S]+)$/.exec(text) ??
      /^((?:set local [^\n]*;\n)*set local role mono_app;\n(?:set local [^\n]*;\n)*)(?:select mono\.session_guard\([^)]*\);\n)?([\s\S]+)$/.exec(text);
    if (script) this.keep(script[2]!, [], script[1]!);
  };

  get size(): number {
    return this.statements.size;
  }

  /** Statements with a scan of a tenant table that lacks a tenant_id predicate, with the table named. */
  async violations(db: Database): Promise<string[]> {
    const tenantTables = new Set(
      (
        await db.query<{ name: string }>(
          `select c.relname as name from pg_class c join pg_attribute a on a.attrelid = c.oid
            where a.attname = 'tenant_id' and not a.attisdropped and c.relkind in ('r', 'p')`,
        )
      ).map((r) => r.name),
    );
    const found: string[] = [];
    for (const { text, params, setup } of this.statements.values()) {
      // Same settings (tenant, actor), but as the owner: no RLS conditions in the plan.
      // The session guard is left out: the session may be gone by now (it is checked in SQL, not scanned here).
      const asOwner = setup
        .replace(/^set local role [a-z_]+(;\n|$)/m, '')
        .replace(/set_config\('role', '[a-z_]+', true\), /, '')
        .replace(/;\nselect mono\.session_guard\([^)]*\)$/, '')
        .replace(/;\n$/, '');
      const plan = await db.withSession(async (session) => {
        await session.exec('begin');
        try {
          await session.exec(asOwner);
          return (await session.query<{ 'QUERY PLAN': unknown }>(`explain (format json) ${text}`, [...params]))[0]!['QUERY PLAN'];
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        } finally {
          await session.exec('rollback');
        }
      });
      if (plan instanceof Error) {
        found.push(`${oneLine(text)}\n    could not be explained: ${plan.message}`);
        continue;
      }
      const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan: PlanNode }[];
      const unscoped = [...new Set(scansWithoutTenant(parsed[0]!.Plan, tenantTables))];
      if (unscoped.length) found.push(`${oneLine(text)}\n    scans ${unscoped.join(', ')} without tenant_id`);
    }
    return found;
  }
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  Filter?: string;
  'Recheck Cond'?: string;
  'Hash Cond'?: string;
  'Join Filter'?: string;
  Plans?: PlanNode[];
}

const TENANT_EQUALITY = /\btenant_id = ('[0-9a-f-]{36}'::uuid|\$\d+)/;

function scansWithoutTenant(node: PlanNode, tenantTables: Set<string>): string[] {
  const here: string[] = [];
  if (node['Relation Name'] && tenantTables.has(node['Relation Name']) && node['Node Type'] !== 'ModifyTable') {
    // A bitmap heap scan's conditions are on its bitmap index scans below it.
    const conditions = [node['Index Cond'], node.Filter, node['Recheck Cond'], ...(node.Plans ?? []).map((child) => child['Index Cond'])];
    if (!conditions.some((c) => c && TENANT_EQUALITY.test(c))) here.push(node['Relation Name']);
  }
  return [...here, ...(node.Plans ?? []).flatMap((child) => scansWithoutTenant(child, tenantTables))];
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').slice(0, 400);
