import type { TenantTx } from '../../db/tenant-context';
import { fanOut, type MailAttachment, type Recipients } from './repository';
import { defaultPublicUrl } from './settings';
import { MANDATORY_TOPICS, type NotificationKind, topicOf } from './topics';

export type { MailAttachment, Recipients };

/** A notice about a change, for everybody it concerns (see docs/notifications.md, "The notices"). */
export interface Notice {
  /** `<topic>.<what happened>`: the topic decides which preference applies. */
  kind: NotificationKind;
  recipients: Recipients;
  /** Who caused it (told nothing); null for the system. */
  actorId?: string | null;
  title: string;
  body?: string;
  /** A path of the console the notice leads to; e-mails get it with the tenant's public URL. */
  link?: string;
  resource?: { type: string; id: string };
  /** The e-mail; false: in-app only. Its text gets the link appended. */
  email:
    | {
        subject: string;
        text: string;
        attachments?: MailAttachment[];
        /** Batch e-mails of a conversation: at most one per person in `minutes` while they have not read it. */
        batch?: { conversationId: string; minutes: number };
      }
    | false;
}

/**
 * Tells the recipients about a change, in the caller's transaction: an in-app
 * notification and an e-mail (in the outbox) per recipient, as their preferences for the
 * topic say, written in one statement whatever the number of recipients. Nothing is
 * written when the change rolls back.
 */
export function notify(tx: TenantTx, notice: Notice): Promise<{ inApp: number; emails: number }> {
  const topic = topicOf(notice.kind);
  return fanOut(tx, {
    kind: notice.kind,
    topic,
    mandatory: MANDATORY_TOPICS.includes(topic),
    recipients: notice.recipients,
    exclude: notice.actorId ?? null,
    title: notice.title.slice(0, 300),
    body: (notice.body ?? '').slice(0, 2000),
    link: notice.link ?? null,
    resourceType: notice.resource?.type ?? null,
    resourceId: notice.resource?.id ?? null,
    email: notice.email
      ? {
          subject: notice.email.subject.slice(0, 500),
          text: notice.email.text,
          template: notice.kind,
          attachments: notice.email.attachments ?? [],
          batch: notice.email.batch,
        }
      : null,
    defaultPublicUrl: defaultPublicUrl(),
  });
}
