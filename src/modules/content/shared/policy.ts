import type { PermissionChecker } from '../../../core/context';
import { AppError, illegalTransition } from '../../../core/errors';

/**
 * The content workflow as data: which action moves content from which state to which,
 * and who may take it. Pure: services load the row (FOR UPDATE), ask here, then write.
 *
 *   DRAFT ──submit──▶ IN_REVIEW ──approve──▶ APPROVED ──publish──▶ PUBLISHED ──archive──▶ ARCHIVED
 *     ▲                  │                     │  ▲                   │                     │
 *     └──────reject──────┘                     │  └────unpublish──────┘                     │
 *     └────────────────revise──────────────────┘                                            │
 *     └────────────────────────────────────────────restore──────────────────────────────────┘
 *
 * Content is edited only as a DRAFT, so what a reviewer approved is what gets
 * published; approved content goes back to DRAFT (revise) to be changed.
 */
export const CONTENT_STATUSES = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'ARCHIVED'] as const;
export type ContentStatus = (typeof CONTENT_STATUSES)[number];

export const CONTENT_TYPES = ['ARTICLE', 'PORTFOLIO', 'LISTING', 'PAGE', 'FORM'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

/**
 * A grant that allows an action: an account-tier permission checked within the
 * content's account (tenant-wide grants count too), or a tenant-tier one.
 */
type Grant = { permission: string; scope: 'account' | 'tenant' };
const inAccount = (permission: string): Grant => ({ permission, scope: 'account' });
const tenantWide = (permission: string): Grant => ({ permission, scope: 'tenant' });

const editors = [inAccount('account.content.update')];
const reviewers = [tenantWide('tenant.content.review')];
const publishers = [inAccount('account.content.publish'), tenantWide('tenant.content.publish')];

export interface Transition {
  from: readonly ContentStatus[];
  to: ContentStatus;
  anyOf: readonly Grant[];
}

export const contentTransitions = {
  submit: { from: ['DRAFT'], to: 'IN_REVIEW', anyOf: editors },
  approve: { from: ['IN_REVIEW'], to: 'APPROVED', anyOf: reviewers },
  reject: { from: ['IN_REVIEW'], to: 'DRAFT', anyOf: reviewers },
  revise: { from: ['APPROVED'], to: 'DRAFT', anyOf: editors },
  publish: { from: ['APPROVED'], to: 'PUBLISHED', anyOf: publishers },
  unpublish: { from: ['PUBLISHED'], to: 'APPROVED', anyOf: publishers },
  archive: { from: ['PUBLISHED'], to: 'ARCHIVED', anyOf: publishers },
  restore: { from: ['ARCHIVED'], to: 'DRAFT', anyOf: publishers },
} as const satisfies Record<string, Transition>;

export type ContentTransition = keyof typeof contentTransitions;
export const CONTENT_TRANSITIONS = Object.keys(contentTransitions) as ContentTransition[];

/** Actions that are not transitions but still depend on the state and the caller. */
const otherActions = {
  edit: { from: ['DRAFT'], anyOf: editors },
  delete: { from: CONTENT_STATUSES, anyOf: [inAccount('account.content.delete')] },
} as const satisfies Record<string, Omit<Transition, 'to'>>;

export type ContentAction = ContentTransition | keyof typeof otherActions;

const rules: Record<ContentAction, { from: readonly ContentStatus[]; anyOf: readonly Grant[] }> = {
  ...contentTransitions,
  ...otherActions,
};

export interface ContentRef {
  accountId: string;
  status: ContentStatus;
}

const holds = (permissions: PermissionChecker, grant: Grant, accountId: string) =>
  grant.scope === 'account' ? permissions.can(grant.permission, accountId) : permissions.can(grant.permission);

/** Whether the caller holds a grant for the action on content of this account (state aside). */
export function mayAttempt(permissions: PermissionChecker, action: ContentAction, accountId: string): boolean {
  return rules[action].anyOf.some((grant) => holds(permissions, grant, accountId));
}

/** The transitions the state allows, whoever asks (named in a 409). */
export function transitionsFrom(status: ContentStatus): ContentTransition[] {
  return CONTENT_TRANSITIONS.filter((action) => (contentTransitions[action].from as readonly ContentStatus[]).includes(status));
}

/** What this caller may do with this content now: for clients to show the right buttons. */
export function availableActions(permissions: PermissionChecker, content: ContentRef): ContentAction[] {
  return (Object.keys(rules) as ContentAction[]).filter(
    (action) => rules[action].from.includes(content.status) && mayAttempt(permissions, action, content.accountId),
  );
}

/**
 * Throws unless the caller may take `action` on the content now: 403 without a grant,
 * 409 naming the allowed transitions when the state does not allow it.
 */
export function authorizeAction(permissions: PermissionChecker, content: ContentRef, action: ContentAction): void {
  if (!mayAttempt(permissions, action, content.accountId)) {
    throw new AppError('FORBIDDEN', `You may not ${action} this content`);
  }
  if (!rules[action].from.includes(content.status)) {
    throw illegalTransition('content', content.status, action, transitionsFrom(content.status));
  }
}

/** Whether the caller may read the content in any state (its account's readers, tenant readers). */
export function mayReadAnyState(permissions: PermissionChecker, accountId: string): boolean {
  return permissions.can('account.content.read', accountId) || permissions.can('tenant.content.read');
}
