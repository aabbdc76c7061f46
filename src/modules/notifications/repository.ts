import { type SQL, sql } from 'drizzle-orm';
import { beforeIdCursor } from '../../db/keyset';
import { firstRow, rows } from '../../db/sql';
import type { TenantTx } from '../../db/tenant-context';
import type { NotificationTopic } from './topics';

/**
 * Who a notice goes to: named people, the members of an account with one of the roles, or
 * whoever holds a tenant-wide permission (by role or direct grant, not denied; `patterns`
 * are the names that cover it: the permission and its wildcards).
 */
export type Recipients =
  | { users: readonly string[] }
  | { accountMembers: string; roles: readonly ('admin' | 'member' | 'viewer')[] }
  | { tenantPermission: string; patterns: readonly string[] };

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/** One notice as the fan-out writes it, for every recipient at once (rendered already: the same for all). */
export interface FanOut {
  kind: string;
  topic: NotificationTopic;
  mandatory: boolean;
  recipients: Recipients;
  exclude: string | null;
  title: string;
  body: string;
  link: string | null;
  resourceType: string | null;
  resourceId: string | null;
  email: {
    subject: string;
    text: string;
    html: string;
    /** Sender name and reply-to of the tenant, attachments: read by the delivery worker. */
    extra: { fromName: string | null; replyTo: string | null; attachments: MailAttachment[] };
    /** At most one e-mail per conversation and person in this many minutes, unless they read the conversation since. */
    batch?: { conversationId: string; minutes: number };
  } | null;
  /**
   * Only the recipients who read this language: whose profile language is `is`, or whose
   * language (or its primary subtag) is none of `others` (the languages with a template of
   * their own) — see languageOf. Absent: everybody.
   */
  language?: { is: string; others: readonly string[]; fallback: boolean };
}

/**
 * The language a recipient reads a notice in, among the languages a template exists in:
 * their profile's, else its primary subtag (de for de-AT), else none (the tenant's).
 */
const languageOf = (languages: readonly string[]) => {
  const list = `{${languages.join(',')}}`;
  return sql`case when up.language = any(${list}::text[]) then up.language
                  when split_part(up.language, '-', 1) = any(${list}::text[]) then split_part(up.language, '-', 1) end`;
};

function recipientIds(tx: TenantTx, recipients: Recipients): SQL {
  if ('users' in recipients) return sql`select value::uuid from jsonb_array_elements_text(${JSON.stringify(recipients.users)}::jsonb)`;
  if ('tenantPermission' in recipients) {
    const patterns = `{${recipients.patterns.map((p) => `"${p}"`).join(',')}}`;
    // Candidates first (people with a tenant-wide role or grant), then their effective grants.
    return sql`select c.user_id from (
                 select ur.user_id from user_roles ur where ur.tenant_id = ${tx.tenantId} and ur.account_id is null
                 union select up.user_id from user_permissions up where up.tenant_id = ${tx.tenantId} and up.account_id is null and up.granted) c
                where exists (select 1 from mono.user_grants(c.user_id) g where g.account_id is null and g.granted and g.permission = any(${patterns}::text[]))
                  and not exists (select 1 from mono.user_grants(c.user_id) g where not g.granted and g.permission = any(${patterns}::text[]))`;
  }
  return sql`select au.user_id from account_users au
              where au.tenant_id = ${tx.tenantId} and au.account_id = ${recipients.accountMembers}
                and au.role = any(${`{${recipients.roles.join(',')}}`}::text[])`;
}

/**
 * Writes one notice for every recipient in one statement: the in-app notifications of
 * those who want them and the e-mails (in the outbox, in this transaction) of those who
 * want those, each by their preference for the topic (no row: both on; mandatory topics
 * ignore it). Deactivated and deleted people get nothing, nor does the actor who caused it.
 * A batched e-mail is left out while the person has an e-mail of the same conversation
 * from the last N minutes and has not read the conversation since.
 */
export async function fanOut(tx: TenantTx, n: FanOut): Promise<{ inApp: number; emails: number }> {
  const email = n.email;
  const batchKey = email?.batch ? `conversation:${email.batch.conversationId}` : null;
  const batchGuard = email?.batch
    ? sql`and not exists (
            select 1 from mail_outbox o
             where o.tenant_id = ${tx.tenantId} and o.payload ->> 'batch' = ${batchKey}
               and o.payload ->> 'userId' = r.user_id::text
               and o.created_at > now() - make_interval(mins => ${email.batch.minutes})
               and not exists (select 1 from conversation_reads cr
                                where cr.tenant_id = ${tx.tenantId} and cr.application_id = ${email.batch.conversationId}
                                  and cr.user_id = r.user_id and cr.updated_at > o.created_at))`
    : sql``;
  const language = n.language
    ? n.language.fallback
      ? sql`and ${languageOf(n.language.others)} is null`
      : sql`and ${languageOf(n.language.others)} = ${n.language.is}`
    : sql``;
  const extra = JSON.stringify({ ...email?.extra, topic: n.topic, unsubscribe: !n.mandatory, ...(batchKey ? { batch: batchKey } : {}) });
  const result = await firstRow<{ in_app: number; emails: number }>(
    tx,
    sql`with r as (
          select u.id as user_id, u.email,
                 ${n.mandatory}::boolean or coalesce(p.email, true) as by_email,
                 ${n.mandatory}::boolean or coalesce(p.in_app, true) as in_app
            from users u
            left join notification_preferences p on p.tenant_id = u.tenant_id and p.user_id = u.id and p.kind = ${n.topic}
            left join user_profiles up on up.tenant_id = u.tenant_id and up.user_id = u.id
           where u.tenant_id = ${tx.tenantId} and u.deleted_at is null and u.deactivated_at is null ${language}
             and u.id in (${recipientIds(tx, n.recipients)})
             and u.id is distinct from ${n.exclude}::uuid
        ), n as (
          insert into notifications (tenant_id, user_id, kind, title, body, link, resource_type, resource_id)
          select ${tx.tenantId}, r.user_id, ${n.kind}, ${n.title}, ${n.body}, ${n.link}, ${n.resourceType}, ${n.resourceId}::uuid
            from r where r.in_app
          returning 1
        ), m as (
          insert into mail_outbox (tenant_id, to_email, subject, body_text, body_html, template, payload)
          select ${tx.tenantId}, r.email, ${email?.subject ?? ''}, ${email?.text ?? ''}, ${email?.html ?? null}, ${n.kind},
                 ${extra}::jsonb || jsonb_build_object('userId', r.user_id)
            from r where ${email !== null}::boolean and r.by_email ${batchGuard}
          returning 1
        )
        select (select count(*) from n)::int as in_app, (select count(*) from m)::int as emails`,
  );
  return { inApp: result?.in_app ?? 0, emails: result?.emails ?? 0 };
}

export interface TenantLook {
  name: string;
  mail: Record<string, unknown> | null;
  subject: string | null;
  body_text: string | null;
  body_html: string | null;
}

export interface TemplateOverride {
  language: string;
  subject: string | null;
  body_text: string | null;
  body_html: string | null;
}

/** The tenant's name, mail settings and language, and its overrides of one template in every language. */
export function readTenantLooks(
  tx: TenantTx,
  template: string,
): Promise<{ name: string; mail: Record<string, unknown> | null; language: string; overrides: TemplateOverride[] } | undefined> {
  return firstRow(
    tx,
    sql`select t.name, t.settings -> 'mail' as mail, coalesce(t.settings #>> '{mail,language}', 'en') as language,
               coalesce((select jsonb_agg(jsonb_build_object('language', o.language, 'subject', o.subject, 'body_text', o.body_text, 'body_html', o.body_html)
                                          order by o.language)
                           from mail_templates o where o.tenant_id = ${tx.tenantId} and o.template = ${template}), '[]'::jsonb) as overrides
          from tenants t
         where t.id = ${tx.tenantId}`,
  );
}

export interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  resource_type: string | null;
  resource_id: string | null;
  read_at: Date | null;
  created_at: Date;
}

const columns = sql`id, kind, title, body, link, resource_type, resource_id, read_at, created_at`;

/** A page of a person's notifications, newest first. */
export function listNotifications(tx: TenantTx, userId: string, filter: { cursor?: string; unread?: boolean; limit: number }): Promise<NotificationRow[]> {
  const before = beforeIdCursor(sql`id`, filter.cursor) ?? sql`true`;
  const unread = filter.unread ? sql`and read_at is null` : sql``;
  return rows<NotificationRow>(
    tx,
    sql`select ${columns} from notifications
         where tenant_id = ${tx.tenantId} and user_id = ${userId} and ${before} ${unread}
         order by id desc limit ${filter.limit}`,
  );
}

/** Notifications after an id, oldest first (the live stream's resume). */
export function notificationsAfter(tx: TenantTx, userId: string, afterId: string, limit: number): Promise<NotificationRow[]> {
  return rows<NotificationRow>(
    tx,
    sql`select ${columns} from notifications
         where tenant_id = ${tx.tenantId} and user_id = ${userId} and id > ${afterId}::uuid
         order by id limit ${limit}`,
  );
}

export async function countUnread(tx: TenantTx, userId: string): Promise<number> {
  const row = await firstRow<{ n: number }>(
    tx,
    sql`select count(*)::int as n from notifications where tenant_id = ${tx.tenantId} and user_id = ${userId} and read_at is null`,
  );
  return row?.n ?? 0;
}

/** Marks one of the person's notifications read (kept read if it was); undefined when it is not theirs. */
export function markRead(tx: TenantTx, userId: string, id: string): Promise<NotificationRow | undefined> {
  return firstRow<NotificationRow>(
    tx,
    sql`update notifications set read_at = coalesce(read_at, now())
         where tenant_id = ${tx.tenantId} and user_id = ${userId} and id = ${id}
        returning ${columns}`,
  );
}

/** Marks every unread notification of the person read (up to `upTo`, when given); answers how many. */
export async function markAllRead(tx: TenantTx, userId: string, upTo?: string): Promise<number> {
  const bound = upTo ? sql`and id <= ${upTo}::uuid` : sql``;
  const changed = await rows(
    tx,
    sql`update notifications set read_at = now()
         where tenant_id = ${tx.tenantId} and user_id = ${userId} and read_at is null ${bound}
        returning 1`,
  );
  return changed.length;
}

export interface PreferenceRow {
  kind: NotificationTopic;
  email: boolean;
  in_app: boolean;
}

export function listPreferences(tx: TenantTx, userId: string): Promise<PreferenceRow[]> {
  return rows<PreferenceRow>(tx, sql`select kind, email, in_app from notification_preferences where tenant_id = ${tx.tenantId} and user_id = ${userId}`);
}

/** Sets the person's choices for the given topics, all in one statement. */
export async function upsertPreferences(
  tx: TenantTx,
  userId: string,
  choices: readonly { kind: NotificationTopic; email: boolean; inApp: boolean }[],
): Promise<void> {
  if (!choices.length) return;
  await tx.execute(
    sql`insert into notification_preferences as p (tenant_id, user_id, kind, email, in_app)
        select ${tx.tenantId}, ${userId}, c.kind, c.email, c.in_app
          from jsonb_to_recordset(${JSON.stringify(choices.map((c) => ({ kind: c.kind, email: c.email, in_app: c.inApp })))}::jsonb)
               as c(kind text, email boolean, in_app boolean)
        on conflict (tenant_id, user_id, kind) do update set email = excluded.email, in_app = excluded.in_app
         where p.tenant_id = ${tx.tenantId}`,
  );
}

/** Turns e-mail of one topic off for one person (the one-click unsubscribe); in-app stays as it was. */
export async function turnEmailOff(tx: TenantTx, userId: string, kind: NotificationTopic): Promise<boolean> {
  const row = await firstRow(
    tx,
    sql`insert into notification_preferences as p (tenant_id, user_id, kind, email, in_app)
        select ${tx.tenantId}, u.id, ${kind}, false, true from users u where u.tenant_id = ${tx.tenantId} and u.id = ${userId}
        on conflict (tenant_id, user_id, kind) do update set email = false where p.tenant_id = ${tx.tenantId}
        returning 1`,
  );
  return row !== undefined;
}

/** How a notice names a person: their display name, else the local part of their address. */
export async function nameOf(tx: TenantTx, userId: string | null | undefined): Promise<string> {
  if (!userId) return 'Somebody';
  const row = await firstRow<{ name: string }>(
    tx,
    sql`select coalesce(p.display_name, split_part(u.email, '@', 1)) as name
          from users u left join user_profiles p on p.tenant_id = u.tenant_id and p.user_id = u.id
         where u.tenant_id = ${tx.tenantId} and u.id = ${userId}`,
  );
  return row?.name ?? 'Somebody';
}

/** Name and address of people of the tenant (for calendar invitations), in the order asked. */
export async function peopleOf(tx: TenantTx, ids: readonly string[]): Promise<{ id: string; name: string; email: string }[]> {
  const found = await rows<{ id: string; name: string; email: string }>(
    tx,
    sql`select u.id, coalesce(p.display_name, split_part(u.email, '@', 1)) as name, u.email
          from users u left join user_profiles p on p.tenant_id = u.tenant_id and p.user_id = u.id
         where u.tenant_id = ${tx.tenantId} and u.id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`,
  );
  return ids.map((id) => found.find((f) => f.id === id)).filter((f): f is { id: string; name: string; email: string } => f !== undefined);
}
