import { secretBox } from '../../config';
import { type RequestContext, requireActor } from '../../core/context';
import { AppError } from '../../core/errors';
import { withTenant } from '../../db/tenant-context';
import type { NotificationsDeps } from './deps';
import { listPreferences, turnEmailOff, upsertPreferences } from './repository';
import type { PreferencesUpdate } from './schemas';
import { MANDATORY_TOPICS, NOTIFICATION_TOPICS, TOPICS } from './topics';
import { readUnsubscribeToken } from './unsubscribe-token';

type PrefsDeps = Pick<NotificationsDeps, 'db'>;

/** Every topic with my choice (no row: both on; mandatory topics always on). */
export async function readMyPreferences(deps: PrefsDeps, ctx: RequestContext) {
  const { userId } = requireActor(ctx);
  const stored = await withTenant(deps.db, ctx, (tx) => listPreferences(tx, userId));
  return {
    data: TOPICS.map((topic) => {
      const row = stored.find((p) => p.kind === topic);
      const mandatory = MANDATORY_TOPICS.includes(topic);
      return { topic, description: NOTIFICATION_TOPICS[topic], email: mandatory || (row?.email ?? true), inApp: mandatory || (row?.in_app ?? true), mandatory };
    }),
  };
}

/** Changes my choices for the topics named; a mandatory topic cannot be turned off (422). */
export async function updateMyPreferences(deps: PrefsDeps, ctx: RequestContext, input: PreferencesUpdate) {
  const { userId } = requireActor(ctx);
  const refused = input.preferences.findIndex((p) => MANDATORY_TOPICS.includes(p.topic) && !(p.email && p.inApp));
  if (refused >= 0) {
    throw new AppError('NOTIFICATION_MANDATORY', `Notices of topic ${input.preferences[refused]!.topic} cannot be turned off`, {
      errors: [{ path: `preferences.${refused}`, message: 'security notices cannot be turned off' }],
    });
  }
  const topics = input.preferences.map((p) => p.topic);
  if (new Set(topics).size !== topics.length) throw new AppError('VALIDATION_FAILED', 'Name each topic once');
  await withTenant(deps.db, ctx, (tx) =>
    upsertPreferences(
      tx,
      userId,
      input.preferences.map((p) => ({ kind: p.topic, email: p.email, inApp: p.inApp })),
    ),
  );
  return readMyPreferences(deps, ctx);
}

/**
 * The one-click unsubscribe (RFC 8058): the signed token from the e-mail's
 * List-Unsubscribe link turns e-mail of its topic off for its person, nothing else. No
 * sign-in; the token names the tenant. Mandatory topics are never sent with one.
 */
export async function unsubscribe(deps: NotificationsDeps, ctx: RequestContext, token: string) {
  const claim = readUnsubscribeToken(secretBox(deps.config), token);
  if (!claim || (ctx.tenantId && ctx.tenantId !== claim.tenantId) || MANDATORY_TOPICS.includes(claim.topic)) throw new AppError('INVALID_TOKEN');
  const done = await withTenant(deps.db, { ...ctx, tenantId: claim.tenantId }, (tx) => turnEmailOff(tx, claim.userId, claim.topic));
  if (!done) throw new AppError('INVALID_TOKEN');
  return { topic: claim.topic, email: false as const };
}
