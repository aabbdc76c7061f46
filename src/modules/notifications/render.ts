import { Liquid, type Template } from 'liquidjs';
import { COMMON_VARIABLES, TEMPLATES, type TemplateName } from './templates';

/**
 * Rendering with liquidjs: templates hold output tags and filters, never code; variables
 * are looked up as own properties only, and a template that loops is bounded. Text is
 * rendered as it is, HTML with every variable HTML-escaped.
 */
/** No file is ever read: include, render and layout find nothing. */
const noFiles = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async (): Promise<string> => {
    throw new Error('templates cannot read files');
  },
  readFileSync: (): string => {
    throw new Error('templates cannot read files');
  },
  resolve: (_dir: string, file: string) => file,
  contains: async () => false,
  sep: '/',
  dirname: (file: string) => file,
};
const limits = { ownPropertyOnly: true, renderLimit: 200, parseLimit: 60_000, memoryLimit: 1_000_000, fs: noFiles };
const text = new Liquid({ ...limits, strictFilters: true });
const html = new Liquid({ ...limits, strictFilters: true, outputEscape: 'escape' });

const parsed = new Map<string, Template[]>();
function parse(engine: Liquid, source: string): Template[] {
  const key = `${engine === html ? 'h' : 't'}:${source}`;
  let templates = parsed.get(key);
  if (!templates) {
    templates = engine.parse(source);
    if (parsed.size > 1000) parsed.clear();
    parsed.set(key, templates);
  }
  return templates;
}

/** The tenant's look and address, the same for every message of one notice. */
export interface Brand {
  tenant: string;
  publicUrl: string;
  fromName: string | null;
  replyTo: string | null;
  brandColor: string;
  logoUrl: string;
}

/** What a tenant administrator changed of one template in one language. */
export interface TemplateOverride {
  subject?: string | null;
  text?: string | null;
  html?: string | null;
}

export interface Rendered {
  title: string;
  body: string;
  subject: string;
  text: string;
  html: string;
}

/** The variables a template uses that its kind does not have (empty: fine). Throws on a syntax error. */
export function unknownVariables(kind: TemplateName, source: string): string[] {
  const known = new Set([...Object.keys(TEMPLATES[kind].variables), ...Object.keys(COMMON_VARIABLES)]);
  return text
    .variablesSync(text.parse(source))
    .filter((name) => !known.has(String(name)))
    .map(String);
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The plain text as HTML paragraphs, its links clickable. */
function textToHtml(plain: string): string {
  return plain
    .split(/\n{2,}/)
    .map(
      (paragraph) =>
        `<p>${escapeHtml(paragraph)
          .replace(/https?:\/\/[^\s<]+/g, (u) => `<a href="${u}">${u}</a>`)
          .replace(/\n/g, '<br>')}</p>`,
    )
    .join('\n');
}

/** The tenant's frame around the HTML body: logo or name in its colour. */
function layout(brand: Brand, inner: string): string {
  const head = brand.logoUrl
    ? `<img src="${escapeHtml(brand.logoUrl)}" alt="${escapeHtml(brand.tenant)}" style="max-height:48px">`
    : `<strong style="color:${brand.brandColor};font-size:20px">${escapeHtml(brand.tenant)}</strong>`;
  return [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5;color:#222">',
    `<div style="border-top:4px solid ${brand.brandColor};padding:16px 0">${head}</div>`,
    `<div>${inner}</div>`,
    '</body></html>',
  ].join('\n');
}

/**
 * Renders a notice of `kind` with its variables, the brand, and the tenant's override, if
 * any. An override that fails to render (it passed validation, so: a limit) gives way to
 * the default: a notice is never lost to a template.
 */
export function render(kind: TemplateName, variables: Record<string, string>, brand: Brand, link: string | null, override?: TemplateOverride): Rendered {
  if (!override?.subject && !override?.text && !override?.html) return renderStrict(kind, variables, brand, link);
  try {
    return renderStrict(kind, variables, brand, link, override);
  } catch {
    return renderStrict(kind, variables, brand, link);
  }
}

/** Renders, throwing when a template does. */
export function renderStrict(kind: TemplateName, variables: Record<string, string>, brand: Brand, link: string | null, override?: TemplateOverride): Rendered {
  const t = TEMPLATES[kind];
  const scope = {
    ...variables,
    tenant: brand.tenant,
    url: link ? `${brand.publicUrl}${link}` : brand.publicUrl,
    brand_color: brand.brandColor,
    logo_url: brand.logoUrl,
  };
  const plain = (source: string) => String(text.renderSync(parse(text, source), scope)).trim();
  const renderedText = plain(override?.text || t.text);
  const inner = override?.html ? String(html.renderSync(parse(html, override.html), scope)) : textToHtml(renderedText);
  return {
    title: plain(t.title).slice(0, 300),
    body: plain(t.body).slice(0, 2000),
    subject: plain(override?.subject || t.subject)
      .replace(/\s+/g, ' ')
      .slice(0, 500),
    text: renderedText,
    html: layout(brand, inner),
  };
}
