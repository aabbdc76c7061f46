import type { TenantTx } from '../../../db/tenant-context';
import { holdersOf, nameOf, notify } from '../../notifications';
import type { TransitionInput } from '../shared/schemas';
import type { ContentView } from './presenters';

/**
 * The review workflow's notices: a submission tells the reviewers (whoever holds
 * tenant.content.review), a decision tells the author.
 */
export async function noticeContentStep(tx: TenantTx, input: TransitionInput, view: ContentView, actorId: string | null): Promise<void> {
  const resource = { type: 'content', id: view.id };
  if (input.action === 'submit') {
    await notify(tx, {
      kind: 'content.submitted',
      recipients: holdersOf('tenant.content.review'),
      actorId,
      variables: { title: view.title, author: await nameOf(tx, actorId ?? view.author.id) },
      link: '/console/content',
      resource,
    });
  } else if (input.action === 'approve' || input.action === 'reject') {
    await notify(
      tx,
      input.action === 'approve'
        ? { kind: 'content.approved', recipients: { users: [view.author.id] }, actorId, variables: { title: view.title }, link: '/console/content', resource }
        : {
            kind: 'content.rejected',
            recipients: { users: [view.author.id] },
            actorId,
            variables: { title: view.title, reason: input.reason },
            link: '/console/content',
            resource,
          },
    );
  }
}
