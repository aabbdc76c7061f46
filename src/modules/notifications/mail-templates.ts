import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Database } from '../../db/client';
import { withTenant } from '../../db/tenant-context';
import { toIso } from '../../http/kit/schemas';
import { brandOf } from './notify';
import { render, renderStrict, type TemplateOverride, unknownVariables } from './render';
import { listOverrides, saveOverride, tenantLookOnly } from './template-repository';
import { COMMON_VARIABLES, TEMPLATES, type TemplateName } from './templates';

function templateOf(name: string): TemplateName {
  if (!Object.hasOwn(TEMPLATES, name)) throw new AppError('MAIL_TEMPLATE_NOT_FOUND', `There is no template "${name}"`);
  return name as TemplateName;
}

/** Refuses a template that names a variable its kind does not have (422, the variable named) or does not parse. */
function validate(kind: TemplateName, fields: TemplateOverride): void {
  for (const field of ['subject', 'text', 'html'] as const) {
    const source = fields[field];
    if (!source) continue;
    let unknown: string[];
    try {
      unknown = unknownVariables(kind, source);
    } catch (error) {
      throw new AppError('INVALID_TEMPLATE', `The ${field} is not a valid template: ${(error as Error).message.split('\n')[0]}`, {
        errors: [{ path: field, message: 'does not parse' }],
      });
    }
    if (unknown.length) {
      throw new AppError('INVALID_TEMPLATE', `Unknown variable ${unknown.map((v) => `"${v}"`).join(', ')} in the ${field}`, {
        errors: unknown.map((v) => ({ path: field, message: `unknown variable "${v}"` })),
        extra: { unknownVariables: unknown },
      });
    }
  }
  // A trial run with sample values: file tags, unknown filters and runaway loops fail here, not when a notice is sent.
  try {
    const samples = Object.fromEntries(Object.keys(TEMPLATES[kind].variables).map((v) => [v, v]));
    renderStrict(
      kind,
      samples,
      { tenant: 't', publicUrl: 'https://example.com', fromName: null, replyTo: null, brandColor: '#000000', logoUrl: '' },
      '/',
      fields,
    );
  } catch (error) {
    throw new AppError('INVALID_TEMPLATE', `The template cannot be rendered: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** A template: its defaults, its variables and the tenant's overrides per language. */
export async function readMailTemplate(deps: { db: Database }, ctx: RequestContext, name: string) {
  const kind = templateOf(name);
  const t = TEMPLATES[kind];
  const overrides = await withTenant(deps.db, ctx, (tx) => listOverrides(tx, kind));
  return {
    template: kind,
    description: t.description,
    variables: { ...t.variables, ...COMMON_VARIABLES },
    defaults: { subject: t.subject, text: t.text },
    overrides: overrides.map((o) => ({ language: o.language, subject: o.subject, text: o.body_text, html: o.body_html, updatedAt: toIso(o.updated_at)! })),
  };
}

/** Sets the tenant's override of a template in one language (all fields null: back to the default). */
export async function updateMailTemplate(
  deps: { db: Database },
  ctx: RequestContext,
  name: string,
  input: { language: string; subject?: string | null; text?: string | null; html?: string | null },
) {
  const kind = templateOf(name);
  const fields = { subject: input.subject ?? null, text: input.text ?? null, html: input.html ?? null };
  validate(kind, fields);
  await withTenant(deps.db, ctx, (tx) => saveOverride(tx, kind, input.language, fields, ctx.actor?.userId ?? null));
  return readMailTemplate(deps, ctx, kind);
}

/** Renders a template as it would be sent (the given draft, or what is stored), with sample values for its variables. */
export async function previewMailTemplate(
  deps: { db: Database },
  ctx: RequestContext,
  name: string,
  input: { language?: string; subject?: string | null; text?: string | null; html?: string | null; variables?: Record<string, string> },
) {
  const kind = templateOf(name);
  const draft = { subject: input.subject ?? null, text: input.text ?? null, html: input.html ?? null };
  validate(kind, draft);
  return withTenant(deps.db, ctx, async (tx) => {
    const look = await tenantLookOnly(tx);
    const stored = (await listOverrides(tx, kind)).find((o) => o.language === (input.language ?? 'en'));
    const samples = Object.fromEntries(Object.keys(TEMPLATES[kind].variables).map((v) => [v, input.variables?.[v] ?? `[${v}]`]));
    const rendered = render(kind, samples, brandOf({ name: look?.name ?? '', mail: look?.mail ?? null }), '/console', {
      subject: draft.subject ?? stored?.subject,
      text: draft.text ?? stored?.body_text,
      html: draft.html ?? stored?.body_html,
    });
    return { subject: rendered.subject, text: rendered.text, html: rendered.html, title: rendered.title, body: rendered.body };
  });
}
