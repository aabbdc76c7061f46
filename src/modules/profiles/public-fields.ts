import { type RequestContext, requireActor } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import { withTenant } from '../../db/tenant-context';
import type { ProfilesDeps } from './deps';
import { readPublicFields, setPublicFields } from './repository';
import { type PublicField, publicFieldsSchema } from './schemas';

/** The caller chooses which of their profile fields everyone may see. */
export async function choosePublicFields(deps: ProfilesDeps, ctx: RequestContext, input: { fields: PublicField[] }) {
  const { fields } = parseInput(publicFieldsSchema, input);
  const me = requireActor(ctx).userId;
  return withTenant(deps.db, ctx, async (tx) => {
    const profile = await setPublicFields(tx, me, [...new Set(fields)]);
    if (!profile) throw new AppError('USER_NOT_FOUND', 'You have no profile yet; set your display name first');
    return { fields: profile.publicFields as PublicField[] };
  });
}

/** The caller's current choice (nothing public but the display name without a profile). */
export async function getPublicFields(deps: ProfilesDeps, ctx: RequestContext) {
  const me = requireActor(ctx).userId;
  return withTenant(deps.db, ctx, async (tx) => ({ fields: ((await readPublicFields(tx, me)) ?? []) as PublicField[] }));
}
