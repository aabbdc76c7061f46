import { type RequestContext, type Scope, tenantScope } from '../../../core/context';
import { withTenant } from '../../../db/tenant-context';
import { emitEvent } from '../../events';
import type { ContentDeps } from '../shared/deps';
import { type ContentTransition, contentTransitions } from '../shared/policy';
import type { TransitionInput } from '../shared/schemas';
import { lockForAction, viewAfterChange } from './access';
import { noticeContentStep } from './notices';
import type { ContentView } from './presenters';
import { recordTransition } from './repository';

/** The domain event of each step: content.submitted, content.published, … */
const EVENT_OF: Record<ContentTransition, string> = {
  submit: 'submitted',
  approve: 'approved',
  reject: 'rejected',
  revise: 'revised',
  publish: 'published',
  unpublish: 'unpublished',
  archive: 'archived',
  restore: 'restored',
};

/** One workflow step (see policy.ts): 404 if invisible or outside `scope`, 403 without the grant, 409 if the state forbids it. */
export async function transitionContent(
  deps: ContentDeps,
  ctx: RequestContext,
  id: string,
  input: TransitionInput,
  scope: Scope = tenantScope,
): Promise<ContentView> {
  return withTenant(deps.db, ctx, async (tx) => {
    await lockForAction(tx, ctx.permissions, scope, id, input.action);
    await recordTransition(tx, id, input, contentTransitions[input.action].to, ctx.actor?.userId ?? null);
    const view = await viewAfterChange(tx, ctx.permissions, id);
    await emitEvent(tx, {
      type: `content.${EVENT_OF[input.action]}`,
      actorId: ctx.actor?.userId ?? null,
      resourceType: 'content',
      resourceId: id,
      payload: view,
    });
    await noticeContentStep(tx, input, view, ctx.actor?.userId ?? null);
    return view;
  });
}
