import { describe, expect, it } from 'vitest';
import type { PermissionChecker } from '../../../core/context';
import { authorizeAction, availableActions, CONTENT_STATUSES, type ContentStatus, contentTransitions, transitionsFrom } from './policy';

const grants = (names: string[], accountId?: string): PermissionChecker => ({
  can: (permission, account) => names.includes(permission) && (accountId === undefined || account === accountId),
  accountIds: accountId ? [accountId] : [],
});

describe('content workflow policy', () => {
  it('has the documented graph', () => {
    const edges = Object.entries(contentTransitions).flatMap(([action, t]) => t.from.map((from) => `${from} -${action}-> ${t.to}`));
    expect(edges.sort()).toEqual(
      [
        'DRAFT -submit-> IN_REVIEW',
        'IN_REVIEW -approve-> APPROVED',
        'IN_REVIEW -reject-> DRAFT',
        'APPROVED -revise-> DRAFT',
        'APPROVED -publish-> PUBLISHED',
        'PUBLISHED -unpublish-> APPROVED',
        'PUBLISHED -archive-> ARCHIVED',
        'ARCHIVED -restore-> DRAFT',
      ].sort(),
    );
  });

  it('reaches every state from DRAFT and can always get back to DRAFT', () => {
    const reachable = (start: ContentStatus) => {
      const seen = new Set<ContentStatus>([start]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const status of [...seen]) {
          for (const action of transitionsFrom(status)) {
            const to = contentTransitions[action].to;
            if (!seen.has(to)) grew = !!seen.add(to);
          }
        }
      }
      return seen;
    };
    expect([...reachable('DRAFT')].sort()).toEqual([...CONTENT_STATUSES].sort());
    for (const status of CONTENT_STATUSES) expect(reachable(status).has('DRAFT')).toBe(true);
  });

  it('scopes account grants to the content’s account', () => {
    const publisher = grants(['account.content.publish'], 'acc-1');
    expect(availableActions(publisher, { accountId: 'acc-1', status: 'APPROVED' })).toEqual(['publish']);
    expect(availableActions(publisher, { accountId: 'acc-2', status: 'APPROVED' })).toEqual([]);
    expect(() => authorizeAction(publisher, { accountId: 'acc-2', status: 'APPROVED' }, 'publish')).toThrow(/may not publish/);
    const moderator = grants(['tenant.content.publish']);
    expect(availableActions(moderator, { accountId: 'any', status: 'PUBLISHED' })).toEqual(['unpublish', 'archive']);
  });
});
