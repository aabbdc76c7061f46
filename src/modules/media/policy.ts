import type { RequestContext, Scope } from '../../core/context';

/**
 * Who may do what with a media file.
 *
 * A file belongs to its account (account.media.* in that account, or tenant-wide), or —
 * without an account — to its uploader (user.media.*, own files only). tenant.media.read
 * reads everything in the tenant. The parties of an application or message that
 * attaches a file may read it too (`canReadAsParty`). Anyone, without a session, may
 * download a live file that published content shows (see the repository's `isPublic`).
 */
export type MediaAction = 'read' | 'create' | 'update' | 'delete';

export interface Owned {
  accountId: string | null;
  uploaderId: string;
}

export function canOnFile(ctx: RequestContext, file: Owned, action: MediaAction): boolean {
  if (action === 'read' && ctx.permissions.can('tenant.media.read')) return true;
  if (file.accountId) return ctx.permissions.can(`account.media.${action}`, file.accountId);
  return ctx.actor !== null && ctx.actor.userId === file.uploaderId && ctx.permissions.can(`user.media.${action}`);
}

/** An application or (live) message that attaches a file: its listing's account, and whether the caller applied. */
export interface AttachmentReference {
  via: 'application' | 'message';
  accountId: string;
  /** The caller is the application's applicant. */
  mine: boolean;
}

/**
 * Read access through attachments: whoever may see the application or message that
 * attaches the file may open the file — exactly the people the marketplace shows it
 * to. An application: its applicant and account.applications.read in the listing's
 * account. A message: both sides of the conversation — the applicant
 * (user.messages.read) and account.messages.read in the listing's account.
 */
export function canReadAsParty(ctx: RequestContext, references: readonly AttachmentReference[]): boolean {
  return references.some((r) =>
    r.via === 'application'
      ? r.mine || ctx.permissions.can('account.applications.read', r.accountId)
      : (r.mine && ctx.permissions.can('user.messages.read')) || ctx.permissions.can('account.messages.read', r.accountId),
  );
}

/**
 * Listing or uploading into a scope: the caller's own personal files (`own` names the
 * caller), an account's, or the tenant's.
 */
export function canInScope(ctx: RequestContext, scope: Scope, action: MediaAction): boolean {
  switch (scope.kind) {
    case 'own':
      return ctx.actor !== null && ctx.actor.userId === scope.userId && ctx.permissions.can(`user.media.${action}`);
    case 'account':
      return ctx.permissions.can(`account.media.${action}`, scope.accountId) || (action === 'read' && ctx.permissions.can('tenant.media.read'));
    case 'tenant':
      return action === 'read' && ctx.permissions.can('tenant.media.read');
  }
}
