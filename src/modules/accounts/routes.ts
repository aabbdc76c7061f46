import { z } from 'zod';
import { pageOf, pageQuery, uuid } from '../../http/kit/schemas';
import type { BaseDeps, RouteModule } from '../../http/kit/types';
import type { Mailer } from '../mail';
import { createAccount, createOwnAccount, deleteAccount, getAccount, listAccounts, updateAccount, updateAccountDetails } from './accounts';
import { acceptInvitation, declineInvitation, invite, listInvitations, myInvitations, revokeInvitation } from './invitations';
import { addMember, changeMember, leaveAccount, listMembers, myAccounts, removeMember } from './members';
import {
  accountSchema,
  addMemberBody,
  changeMemberBody,
  createAccountBody,
  createOwnAccountBody,
  invitationSchema,
  inviteBody,
  listAccountsQuery,
  memberSchema,
  membershipSchema,
  subscriptionBody,
  updateAccountBody,
  updateAccountDetailsBody,
} from './schemas';
import { setSubscription } from './subscription';

const accountParams = z.strictObject({ accountId: uuid });
const memberParams = z.strictObject({ accountId: uuid, userId: uuid });

/** Accounts: tenant administration, an account's own details and members, my accounts. */
export const accountRoutes: RouteModule<BaseDeps & { mailer: Mailer }> = (app, deps) => {
  // ── tenant administration ──────────────────────────────────────────────────────
  app.get(
    '/api/v1/tenant/accounts',
    {
      config: { permission: 'tenant.accounts.read' },
      schema: { tags: ['Accounts'], summary: 'List and search accounts', querystring: listAccountsQuery, response: { 200: pageOf(accountSchema) } },
    },
    async (request) => listAccounts(deps, request.ctx, request.query),
  );

  app.post(
    '/api/v1/tenant/accounts',
    {
      config: { permission: 'tenant.accounts.create', errors: ['ACCOUNT_IDENTIFIER_TAKEN', 'UNKNOWN_PLAN', 'UNKNOWN_USER'] },
      schema: { tags: ['Accounts'], summary: 'Create an account (optionally with its first admin)', body: createAccountBody, response: { 201: accountSchema } },
    },
    async (request, reply) => reply.status(201).send(await createAccount(deps, request.ctx, request.body)),
  );

  app.get(
    '/api/v1/tenant/accounts/:accountId',
    {
      config: { permission: 'tenant.accounts.read', errors: ['ACCOUNT_NOT_FOUND'] },
      schema: { tags: ['Accounts'], summary: 'One account', params: accountParams, response: { 200: accountSchema } },
    },
    async (request) => getAccount(deps, request.ctx, request.params.accountId),
  );

  app.patch(
    '/api/v1/tenant/accounts/:accountId',
    {
      config: { permission: 'tenant.accounts.update', errors: ['ACCOUNT_NOT_FOUND'] },
      schema: {
        tags: ['Accounts'],
        summary: 'Change an account: status, verification, limits, features, info',
        params: accountParams,
        body: updateAccountBody,
        response: { 200: accountSchema },
      },
    },
    async (request) => updateAccount(deps, request.ctx, request.params.accountId, request.body),
  );

  app.put(
    '/api/v1/tenant/accounts/:accountId/subscription',
    {
      config: { permission: 'tenant.accounts.update', errors: ['ACCOUNT_NOT_FOUND', 'UNKNOWN_PLAN'] },
      schema: {
        tags: ['Accounts'],
        summary: 'Set the account’s subscription (plan, status, period)',
        params: accountParams,
        body: subscriptionBody,
        response: { 200: accountSchema },
      },
    },
    async (request) => setSubscription(deps, request.ctx, request.params.accountId, request.body),
  );

  app.post(
    '/api/v1/tenant/accounts/:accountId/members',
    {
      config: { permission: 'tenant.accounts.update', errors: ['ACCOUNT_NOT_FOUND', 'ALREADY_MEMBER', 'MEMBER_LIMIT_REACHED', 'UNKNOWN_USER'] },
      schema: {
        tags: ['Accounts'],
        summary: 'Add a member directly (tenant administrators; account admins invite instead)',
        description: 'Refused with 409 MEMBER_LIMIT_REACHED when the plan’s maxMembers is reached.',
        params: accountParams,
        body: addMemberBody,
        response: { 201: memberSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await addMember(deps, request.ctx, request.params.accountId, request.body)),
  );

  app.delete(
    '/api/v1/tenant/accounts/:accountId',
    {
      config: { permission: 'tenant.accounts.delete', errors: ['ACCOUNT_NOT_FOUND'] },
      schema: { tags: ['Accounts'], summary: 'Delete an account (soft)', params: accountParams, response: { 204: z.undefined() } },
    },
    async (request, reply) => {
      await deleteAccount(deps, request.ctx, request.params.accountId);
      return reply.status(204).send();
    },
  );

  // ── the account itself ─────────────────────────────────────────────────────────
  app.get(
    '/api/v1/account/:accountId',
    {
      config: { permission: 'account.details.read' },
      schema: {
        tags: ['Account'],
        summary: 'The account: details, business info, limits, subscription',
        params: accountParams,
        response: { 200: accountSchema },
      },
    },
    async (request) => getAccount(deps, request.ctx, request.params.accountId),
  );

  app.patch(
    '/api/v1/account/:accountId',
    {
      config: { permission: 'account.details.update' },
      schema: {
        tags: ['Account'],
        summary: 'Change the account’s name, business or billing info',
        params: accountParams,
        body: updateAccountDetailsBody,
        response: { 200: accountSchema },
      },
    },
    async (request) => updateAccountDetails(deps, request.ctx, request.params.accountId, request.body),
  );

  app.get(
    '/api/v1/account/:accountId/members',
    {
      config: { permission: 'account.members.read' },
      schema: { tags: ['Account'], summary: 'The account’s members', params: accountParams, querystring: pageQuery, response: { 200: pageOf(memberSchema) } },
    },
    async (request) => listMembers(deps, request.ctx, request.params.accountId, request.query),
  );

  app.post(
    '/api/v1/account/:accountId/invitations',
    {
      config: { permission: 'account.members.manage', errors: ['ALREADY_INVITED', 'ALREADY_MEMBER', 'PRIVILEGE_ESCALATION'] },
      schema: {
        tags: ['Account'],
        summary: 'Invite someone (by e-mail) to join as admin, member or viewer',
        description:
          'Joining needs consent: the person accepts with POST /api/v1/user/invitations/{id}/accept, signed in with that verified address. The answer is the same whether or not the address is registered. The invitation expires after 14 days.',
        params: accountParams,
        body: inviteBody,
        response: { 201: invitationSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await invite(deps, request.ctx, request.params.accountId, request.body)),
  );

  app.get(
    '/api/v1/account/:accountId/invitations',
    {
      config: { permission: 'account.members.read' },
      schema: { tags: ['Account'], summary: 'Pending invitations', params: accountParams, querystring: pageQuery, response: { 200: pageOf(invitationSchema) } },
    },
    async (request) => listInvitations(deps, request.ctx, request.params.accountId, request.query),
  );

  app.delete(
    '/api/v1/account/:accountId/invitations/:invitationId',
    {
      config: { permission: 'account.members.manage', errors: ['INVITATION_NOT_FOUND'] },
      schema: {
        tags: ['Account'],
        summary: 'Withdraw an invitation',
        params: z.strictObject({ accountId: uuid, invitationId: uuid }),
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      await revokeInvitation(deps, request.ctx, request.params.accountId, request.params.invitationId);
      return reply.status(204).send();
    },
  );

  app.patch(
    '/api/v1/account/:accountId/members/:userId',
    {
      config: { permission: 'account.members.manage', errors: ['LAST_ADMIN', 'MEMBER_NOT_FOUND', 'PRIVILEGE_ESCALATION'] },
      schema: {
        tags: ['Account'],
        summary: 'Change a member’s role (the last admin cannot be demoted)',
        params: memberParams,
        body: changeMemberBody,
        response: { 200: memberSchema },
      },
    },
    async (request) => changeMember(deps, request.ctx, request.params.accountId, request.params.userId, request.body.role),
  );

  app.delete(
    '/api/v1/account/:accountId/members/:userId',
    {
      config: { permission: 'account.members.manage', errors: ['LAST_ADMIN', 'MEMBER_NOT_FOUND', 'PRIVILEGE_ESCALATION'] },
      schema: { tags: ['Account'], summary: 'Remove a member (never the last admin)', params: memberParams, response: { 204: z.undefined() } },
    },
    async (request, reply) => {
      await removeMember(deps, request.ctx, request.params.accountId, request.params.userId);
      return reply.status(204).send();
    },
  );

  // ── my accounts ────────────────────────────────────────────────────────────────
  app.get(
    '/api/v1/user/accounts',
    {
      config: { permission: 'user.accounts.read' },
      schema: { tags: ['Me'], summary: 'The accounts I belong to, with my role', querystring: pageQuery, response: { 200: pageOf(membershipSchema) } },
    },
    async (request) => myAccounts(deps, request.ctx, request.query),
  );

  app.get(
    '/api/v1/user/invitations',
    {
      config: { permission: 'user.accounts.join' },
      schema: { tags: ['Me'], summary: 'Invitations to my address', response: { 200: z.object({ data: z.array(invitationSchema) }) } },
    },
    async (request) => ({ data: await myInvitations(deps, request.ctx) }),
  );

  app.post(
    '/api/v1/user/invitations/:invitationId/accept',
    {
      config: {
        permission: 'user.accounts.join',
        errors: ['ACCOUNT_NOT_FOUND', 'ALREADY_MEMBER', 'EMAIL_NOT_VERIFIED', 'INVITATION_NOT_FOUND', 'MEMBER_LIMIT_REACHED'],
      },
      schema: {
        tags: ['Me'],
        summary: 'Accept an invitation and join the account (needs a verified e-mail address)',
        params: z.strictObject({ invitationId: uuid }),
        response: { 201: memberSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await acceptInvitation(deps, request.ctx, request.params.invitationId)),
  );

  app.post(
    '/api/v1/user/invitations/:invitationId/decline',
    {
      config: { permission: 'user.accounts.join', errors: ['EMAIL_NOT_VERIFIED', 'INVITATION_NOT_FOUND'] },
      schema: { tags: ['Me'], summary: 'Decline an invitation', params: z.strictObject({ invitationId: uuid }), response: { 204: z.undefined() } },
    },
    async (request, reply) => {
      await declineInvitation(deps, request.ctx, request.params.invitationId);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/api/v1/user/accounts/:accountId',
    {
      config: { permission: 'user.accounts.join', errors: ['LAST_ADMIN', 'MEMBER_NOT_FOUND'] },
      schema: { tags: ['Me'], summary: 'Leave an account (not as its last admin)', params: accountParams, response: { 204: z.undefined() } },
    },
    async (request, reply) => {
      await leaveAccount(deps, request.ctx, request.params.accountId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/user/accounts',
    {
      config: { permission: 'user.accounts.create', errors: ['ACCOUNT_CREATION_CLOSED', 'ACCOUNT_IDENTIFIER_TAKEN'] },
      schema: { tags: ['Me'], summary: 'Create an account and become its admin', body: createOwnAccountBody, response: { 201: accountSchema } },
    },
    async (request, reply) => reply.status(201).send(await createOwnAccount(deps, request.ctx, request.body)),
  );
};
