import type { TenantTx } from '../../../db/tenant-context';
import { type NoticeLooks, notify, writeNotice } from '../../notifications';

/** The account members who review applications and answer messages (admins and members; viewers only look). */
const REVIEWERS = ['admin', 'member'] as const;

/** Minutes between two e-mails of one conversation to one person while they have not read it. */
export const MESSAGE_MAIL_BATCH_MINUTES = 15;

/**
 * A new application: the listing's account members who review applications are told. The
 * applicant's name and the notice's looks (noticeLooks(tx, 'application.submitted')) are
 * read by the caller with its other reads, so that this is one statement.
 */
export async function noticeApplicationSubmitted(
  tx: TenantTx,
  looks: NoticeLooks,
  application: { id: string; applicantId: string; applicantName: string },
  listing: { accountId: string; title: string },
) {
  await writeNotice(tx, looks, {
    kind: 'application.submitted',
    recipients: { accountMembers: listing.accountId, roles: REVIEWERS },
    actorId: application.applicantId,
    variables: { listing: listing.title, applicant: application.applicantName },
    link: `/console/accounts/${listing.accountId}`,
    resource: { type: 'application', id: application.id },
  });
}

/** A decision on an application: the applicant is told (not of their own withdrawal). */
export async function noticeApplicationStatus(
  tx: TenantTx,
  application: { id: string; applicantId: string; status: string },
  listing: { title: string },
  actorId: string | null,
) {
  if (application.status === 'WITHDRAWN' || application.status === 'PENDING') return;
  await notify(tx, {
    kind: 'application.status_changed',
    recipients: { users: [application.applicantId] },
    actorId,
    variables: { listing: listing.title, status: application.status },
    link: '/console/me',
    resource: { type: 'application', id: application.id },
  });
}

/**
 * A new message: the other side is told — the applicant when the account wrote, the
 * account's members when the applicant did. E-mails are batched per conversation. The
 * sender's name and the notice's looks (noticeLooks(tx, 'message.new')) are read by the
 * caller with its other reads, so that this is one statement.
 */
export async function noticeNewMessage(
  tx: TenantTx,
  looks: NoticeLooks,
  conversation: { applicationId: string; applicantId: string; accountId: string; listingTitle: string },
  message: { id: string; senderId: string; senderName: string; body: string },
  batchMinutes = MESSAGE_MAIL_BATCH_MINUTES,
) {
  const fromApplicant = message.senderId === conversation.applicantId;
  await writeNotice(tx, looks, {
    kind: 'message.new',
    recipients: fromApplicant ? { accountMembers: conversation.accountId, roles: REVIEWERS } : { users: [conversation.applicantId] },
    actorId: message.senderId,
    variables: {
      sender: message.senderName,
      listing: conversation.listingTitle,
      excerpt: message.body.length > 200 ? `${message.body.slice(0, 199)}…` : message.body,
    },
    link: fromApplicant ? `/console/accounts/${conversation.accountId}` : '/console/me',
    resource: { type: 'application', id: conversation.applicationId },
    email: { batch: { conversationId: conversation.applicationId, minutes: batchMinutes } },
  });
}
