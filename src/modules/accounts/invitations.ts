import type { Actor } from '../../core/context';
import { type RequestContext, requireActor } from '../../core/context';
import { AppError } from '../../core/errors';
import { toPage } from '../../core/pagination';
import { idCursor } from '../../db/keyset';
import { type TenantTx, withTenant } from '../../db/tenant-context';
import { normaliseEmail } from '../identity';
import type { AccountsDeps } from './deps';
import { assertCanGrantMembership, joinAccount } from './membership';
import { presentInvitation, presentMember } from './presenters';
import {
  accountName,
  deleteExpiredInvitations,
  deleteInvitation,
  findMember,
  findOwnInvitation,
  insertInvitation,
  isEmailVerified,
  isMemberByEmail,
  listInvitations as listInvitationRows,
  listOwnInvitations,
  type OwnInvitationRow,
} from './repository';
import type { InviteInput } from './schemas';

/**
 * An invitation to an e-mail address. The answer is the same whether or not the
 * address belongs to a user (no probing for accounts); the person sees it in
 * GET /user/invitations once signed in with that (verified) address.
 */
export async function invite(deps: AccountsDeps, ctx: RequestContext, accountId: string, input: InviteInput) {
  return withTenant(deps.db, ctx, async (tx) => {
    await assertCanGrantMembership(ctx, tx, accountId, input.role);
    const email = normaliseEmail(input.email);
    if (await isMemberByEmail(tx, accountId, email)) throw new AppError('ALREADY_MEMBER', 'This person is already a member of the account');
    await deleteExpiredInvitations(tx, accountId, email);
    const invitation = await insertInvitation(tx, { accountId, email, role: input.role, invitedBy: ctx.actor?.userId ?? null });
    const name = (await accountName(tx, accountId))!;
    await deps.mailer.send(tx, tx.tenantId, {
      to: email,
      subject: `You are invited to join ${name}`,
      text: `You have been invited to join ${name} as ${input.role}. Sign in (or sign up with this address), then accept: POST /api/v1/user/invitations/${invitation.id}/accept. The invitation expires in 14 days.`,
      template: 'accounts.invitation',
      payload: { invitationId: invitation.id, accountId },
    });
    return presentInvitation(invitation, name);
  });
}

/** The account's pending invitations, newest first. */
export async function listInvitations(deps: AccountsDeps, ctx: RequestContext, accountId: string, page: { limit: number; cursor?: string }) {
  return withTenant(deps.db, ctx, async (tx) => {
    const name = await accountName(tx, accountId);
    if (name === undefined) throw new AppError('ACCOUNT_NOT_FOUND');
    return toPage(
      await listInvitationRows(tx, accountId, page),
      page.limit,
      (i) => idCursor(i.id),
      (i) => presentInvitation(i, name),
    );
  });
}

export async function revokeInvitation(deps: AccountsDeps, ctx: RequestContext, accountId: string, invitationId: string): Promise<void> {
  await withTenant(deps.db, ctx, async (tx) => {
    if (!(await deleteInvitation(tx, invitationId, accountId))) throw new AppError('INVITATION_NOT_FOUND');
  });
}

/**
 * Invitations to the caller's address — only once that address is verified: whoever
 * registers with somebody else's address must not learn who invited them, to what.
 */
export async function myInvitations(deps: AccountsDeps, ctx: RequestContext) {
  const actor = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => (await listOwnInvitations(tx, actor.userId)).map((i) => presentInvitation(i, i.accountName)));
}

/**
 * An unexpired invitation to the caller's own, verified address, or 404. An unverified
 * caller is told to verify first — before anything is looked up, so the answer says
 * nothing about which invitations exist.
 */
async function ownInvitation(tx: TenantTx, actor: Actor, invitationId: string): Promise<OwnInvitationRow> {
  if (!(await isEmailVerified(tx, actor.userId))) throw new AppError('EMAIL_NOT_VERIFIED', 'Verify your e-mail address first: invitations are sent to it');
  const invitation = await findOwnInvitation(tx, actor.userId, invitationId);
  if (!invitation) throw new AppError('INVITATION_NOT_FOUND');
  return invitation;
}

/** Accepting needs a verified address: otherwise anyone could sign up with someone else's e-mail and take their seat. */
export async function acceptInvitation(deps: AccountsDeps, ctx: RequestContext, invitationId: string) {
  const actor = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    const invitation = await ownInvitation(tx, actor, invitationId);
    await joinAccount(tx, invitation.accountId, actor.userId, invitation.role, invitation.invitedBy);
    await deleteInvitation(tx, invitationId);
    return presentMember((await findMember(tx, invitation.accountId, actor.userId))!);
  });
}

export async function declineInvitation(deps: AccountsDeps, ctx: RequestContext, invitationId: string): Promise<void> {
  const actor = requireActor(ctx);
  await withTenant(deps.db, ctx, async (tx) => {
    await ownInvitation(tx, actor, invitationId);
    await deleteInvitation(tx, invitationId);
  });
}
