import { toIso } from '../../http/kit/schemas';
import type { AccountRow, InvitationRow, MemberRow, MembershipRow, SubscriptionRow } from './repository';

const limitsOf = (l: Readonly<Record<string, number | null | undefined>>) => ({
  maxActiveListings: l.maxActiveListings ?? null,
  storageBytes: l.storageBytes ?? null,
  maxMembers: l.maxMembers ?? null,
});

export function presentAccount(
  a: AccountRow,
  extra: { subscription: SubscriptionRow | null; effective: Readonly<Record<string, number | null>>; memberCount: number },
) {
  const s = extra.subscription;
  return {
    id: a.id,
    identifier: a.identifier,
    name: a.name,
    type: a.type,
    status: a.status,
    verifiedAt: toIso(a.verifiedAt),
    features: a.features,
    limits: limitsOf(a.limits),
    effectiveLimits: limitsOf(extra.effective),
    businessInfo: a.businessInfo ?? null,
    billingInfo: a.billingInfo ?? null,
    subscription: s
      ? {
          plan: s.plan,
          status: s.status,
          currentPeriodStart: toIso(s.currentPeriodStart)!,
          currentPeriodEnd: toIso(s.currentPeriodEnd),
          trialEndsAt: toIso(s.trialEndsAt),
          canceledAt: toIso(s.canceledAt),
        }
      : null,
    memberCount: extra.memberCount,
    createdAt: toIso(a.createdAt)!,
    updatedAt: toIso(a.updatedAt)!,
    deletedAt: toIso(a.deletedAt),
  };
}

export function presentInvitation(
  i: Pick<InvitationRow, 'id' | 'accountId' | 'email' | 'role' | 'invitedBy' | 'createdAt' | 'expiresAt'>,
  accountName: string,
) {
  return {
    id: i.id,
    accountId: i.accountId,
    accountName,
    email: i.email,
    role: i.role,
    invitedBy: i.invitedBy,
    createdAt: toIso(i.createdAt)!,
    expiresAt: toIso(i.expiresAt)!,
  };
}

export const presentMember = (m: MemberRow) => ({
  userId: m.userId,
  email: m.email,
  displayName: m.displayName,
  role: m.role,
  joinedAt: m.joinedAt.toISOString(),
  invitedBy: m.invitedBy,
});

export const presentMembership = (m: MembershipRow) => ({
  account: { id: m.id, identifier: m.identifier, name: m.name, type: m.type, status: m.status },
  role: m.role,
  joinedAt: m.joinedAt.toISOString(),
});
