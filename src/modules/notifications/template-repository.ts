import { sql } from 'drizzle-orm';
import { firstRow, rows } from '../../db/sql';
import type { TenantTx } from '../../db/tenant-context';

export interface TemplateOverrideRow {
  language: string;
  subject: string | null;
  body_text: string | null;
  body_html: string | null;
  updated_at: Date;
}

/** The tenant's overrides of one template, every language. */
export function listOverrides(tx: TenantTx, template: string): Promise<TemplateOverrideRow[]> {
  return rows<TemplateOverrideRow>(
    tx,
    sql`select language, subject, body_text, body_html, updated_at from mail_templates
         where tenant_id = ${tx.tenantId} and template = ${template} order by language`,
  );
}

/** Sets (or, with every field null, removes) the override of one template in one language. */
export async function saveOverride(
  tx: TenantTx,
  template: string,
  language: string,
  fields: { subject: string | null; text: string | null; html: string | null },
  userId: string | null,
): Promise<void> {
  if (fields.subject === null && fields.text === null && fields.html === null) {
    await tx.execute(sql`delete from mail_templates where tenant_id = ${tx.tenantId} and template = ${template} and language = ${language}`);
    return;
  }
  await tx.execute(
    sql`insert into mail_templates as m (tenant_id, template, language, subject, body_text, body_html, updated_by)
        values (${tx.tenantId}, ${template}, ${language}, ${fields.subject}, ${fields.text}, ${fields.html}, ${userId})
        on conflict (tenant_id, template, language) do update
           set subject = excluded.subject, body_text = excluded.body_text, body_html = excluded.body_html, updated_by = excluded.updated_by
         where m.tenant_id = ${tx.tenantId}`,
  );
}

/** The tenant's name and mail settings (for a preview). */
export function tenantLookOnly(tx: TenantTx): Promise<{ name: string; mail: Record<string, unknown> | null } | undefined> {
  return firstRow(tx, sql`select name, settings -> 'mail' as mail from tenants where id = ${tx.tenantId}`);
}
