import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { toPage } from '../../core/pagination';
import { idCursor } from '../../db/keyset';
import { withTenant } from '../../db/tenant-context';
import type { IdentityDeps } from './deps';
import { findProfile, findUser, listUsers as listUserRows, type UserListQuery } from './repository';
import { presentUser } from './schemas';

/** Tenant administration: find users (newest first, by e-mail, username or display name). */
export async function listUsers(deps: IdentityDeps, ctx: RequestContext, query: Omit<UserListQuery, 'status'> & { status?: UserListQuery['status'] }) {
  return withTenant(deps.db, ctx, async (tx) => {
    const found = await listUserRows(tx, { ...query, status: query.status ?? 'active' });
    return toPage(
      found,
      query.limit,
      (r) => idCursor(r.user.id),
      (r) => presentUser(r.user, { displayName: r.displayName ?? '' }),
    );
  });
}

/** One user of the tenant, deleted ones included. */
export async function getUser(deps: IdentityDeps, ctx: RequestContext, userId: string) {
  return withTenant(deps.db, ctx, async (tx) => {
    const user = await findUser(tx, userId, { includeDeleted: true });
    if (!user) throw new AppError('USER_NOT_FOUND');
    return presentUser(user, await findProfile(tx, user.id));
  });
}
