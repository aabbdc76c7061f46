import type { TenantTx } from '../../db/tenant-context';
import { patternsCovering } from '../access';
import { type Brand, render } from './render';
import { type FanOut, fanOut, type MailAttachment, type Recipients, readTenantLooks, type TemplateOverride, type TenantLook } from './repository';
import { defaultPublicUrl } from './settings';
import type { TemplateName, TemplateVariables } from './templates';
import { MANDATORY_TOPICS, type NotificationTopic } from './topics';

export type { MailAttachment, Recipients };

/** Everybody who holds a tenant-wide permission (e.g. tenant.content.review), by role or grant, unless denied. */
export const holdersOf = (permission: string): Recipients => ({ tenantPermission: permission, patterns: patternsCovering(permission) });

/** A notice about a change, for everybody it concerns (docs/notifications.md, "The notices"). */
export type Notice = {
  [K in TemplateName]: {
    /** The template: `<topic>.<what happened>`; the topic decides which preference applies. */
    kind: K;
    variables: TemplateVariables<K>;
    recipients: Recipients;
    /** Who caused it (told nothing); null for the system. */
    actorId?: string | null;
    /** A path of the console the notice leads to; e-mails get it with the tenant's public URL. */
    link?: string;
    resource?: { type: string; id: string };
    /** false: in-app only. Default: e-mail too. */
    email?:
      | boolean
      | {
          attachments?: MailAttachment[];
          /** Batch e-mails of a conversation: at most one per person in `minutes` while they have not read it. */
          batch?: { conversationId: string; minutes: number };
        };
  };
}[TemplateName];

const COLOR = /^#[0-9a-fA-F]{6}$/;
const URL_LIKE = /^https?:\/\/[^\s"'<>]+$/;
const str = (value: unknown, pattern?: RegExp): string | null =>
  typeof value === 'string' && value.trim() !== '' && (!pattern || pattern.test(value.trim())) ? value.trim() : null;

/** The tenant's look from `tenants.settings.mail` (values that do not parse fall back to the defaults). */
export function brandOf(look: Pick<TenantLook, 'name' | 'mail'>): Brand {
  const m = look.mail ?? {};
  return {
    tenant: look.name,
    publicUrl: (str(m.publicUrl, URL_LIKE) ?? defaultPublicUrl()).replace(/\/+$/, ''),
    fromName:
      str(m.fromName)
        ?.replace(/["<>\r\n]/g, '')
        .slice(0, 100) ?? null,
    replyTo: str(m.replyTo, /^[^@\s<>"]+@[^@\s<>"]+$/),
    brandColor: str(m.brandColor, COLOR) ?? '#2b59c3',
    logoUrl: str(m.logoUrl, URL_LIKE) ?? '',
  };
}

/** What a notice of one kind needs besides its variables: the tenant's look and its overrides of the template (noticeLooks). */
export type NoticeLooks = Awaited<ReturnType<typeof readTenantLooks>>;

/**
 * Reads what a notice of `kind` is rendered with, ahead: with a write's checks (its first
 * round trip), so that writeNotice can write the notice among the write's last statements
 * (lastTrip: one round trip with COMMIT).
 */
export const noticeLooks = (tx: TenantTx, kind: TemplateName): Promise<NoticeLooks> => readTenantLooks(tx, kind);

/**
 * Tells the recipients about a change, in the caller's transaction: renders the kind's
 * template (the tenant's override, if any) once per language it has an override in, then
 * writes an in-app notification and an e-mail (in the outbox) per recipient, as their
 * preferences for the topic say, in one statement per language whatever the number of
 * recipients: each person reads it in their profile's language when the tenant has the
 * template in it (or in its primary subtag: de for de-AT), else in the tenant's language.
 * Without overrides in other languages — the common case — that is one statement.
 * Nothing is written when the change rolls back.
 */
export async function notify(tx: TenantTx, notice: Notice): Promise<{ inApp: number; emails: number }> {
  return writeNotice(tx, await noticeLooks(tx, notice.kind), notice);
}

/** notify with the looks read ahead (noticeLooks): its statements, one per language, issued at once. */
export async function writeNotice(tx: TenantTx, looks: NoticeLooks, notice: Notice): Promise<{ inApp: number; emails: number }> {
  const topic = notice.kind.slice(0, notice.kind.indexOf('.')) as NotificationTopic;
  if (!looks) return { inApp: 0, emails: 0 };
  const brand = brandOf(looks);
  const overrideIn = (language: string) => looks.overrides.find((o) => o.language === language);
  const own = looks.overrides.map((o) => o.language).filter((l) => l !== looks.language);
  const groups: { override: TemplateOverride | undefined; language?: FanOut['language'] }[] = own.length
    ? [
        ...own.map((l) => ({ override: overrideIn(l), language: { is: l, others: own, fallback: false } })),
        { override: overrideIn(looks.language), language: { is: looks.language, others: own, fallback: true } },
      ]
    : [{ override: overrideIn(looks.language) }];
  const options = typeof notice.email === 'object' ? notice.email : {};
  const written = await Promise.all(
    groups.map((group) => {
      const rendered = render(notice.kind, notice.variables as Record<string, string>, brand, notice.link ?? null, {
        subject: group.override?.subject ?? null,
        text: group.override?.body_text ?? null,
        html: group.override?.body_html ?? null,
      });
      return fanOut(tx, {
        kind: notice.kind,
        topic,
        mandatory: MANDATORY_TOPICS.includes(topic),
        recipients: notice.recipients,
        exclude: notice.actorId ?? null,
        title: rendered.title,
        body: rendered.body,
        link: notice.link ?? null,
        resourceType: notice.resource?.type ?? null,
        resourceId: notice.resource?.id ?? null,
        email:
          notice.email === false
            ? null
            : {
                subject: rendered.subject,
                text: rendered.text,
                html: rendered.html,
                extra: { fromName: brand.fromName, replyTo: brand.replyTo, attachments: options.attachments ?? [] },
                batch: options.batch,
              },
        language: group.language,
      });
    }),
  );
  return written.reduce((total, w) => ({ inApp: total.inApp + w.inApp, emails: total.emails + w.emails }), { inApp: 0, emails: 0 });
}
