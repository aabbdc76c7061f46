import { type RequestContext, requireActor } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { toPage } from '../../../core/pagination';
import { parseInput } from '../../../core/validation';
import { idCursor } from '../../../db/keyset';
import { withTenant } from '../../../db/tenant-context';
import type { PageInput } from '../saved/favourites';
import type { MarketplaceDeps } from '../shared/deps';
import { pageQuerySchema } from '../shared/schemas';
import { type BlockRow, deleteBlock, findBlock, insertBlock, listBlocks, userExists } from './repository';
import { type BlockCreateInput, blockCreateSchema } from './schemas';

const present = (row: BlockRow) => ({ userId: row.blockedId, blockedAt: row.createdAt.toISOString() });

/**
 * Blocks a person: from the commit on, no applications, messages or bookings between
 * us, either way (the database refuses them: definitions/089_user_blocks.sql). Blocking
 * again changes nothing (`created: false`). Unknown people are 422 UNKNOWN_USER.
 */
export async function blockUser(deps: MarketplaceDeps, ctx: RequestContext, input: BlockCreateInput) {
  const { userId } = requireActor(ctx);
  const { userId: blockedId } = parseInput(blockCreateSchema, input);
  if (blockedId === userId) throw new AppError('VALIDATION_FAILED', 'You cannot block yourself', { errors: [{ path: 'userId', message: 'is you' }] });
  return withTenant(deps.db, ctx, async (tx) => {
    if (!(await userExists(tx, blockedId))) throw new AppError('UNKNOWN_USER', undefined, { errors: [{ path: 'userId', message: 'no such person' }] });
    const created = await insertBlock(tx, userId, blockedId);
    const row = created ?? (await findBlock(tx, userId, blockedId))!;
    return { created: created !== undefined, block: present(row) };
  });
}

/** Lifts my block of a person (none: no error). */
export async function unblockUser(deps: MarketplaceDeps, ctx: RequestContext, blockedId: string): Promise<void> {
  const { userId } = requireActor(ctx);
  await withTenant(deps.db, ctx, (tx) => deleteBlock(tx, userId, blockedId));
}

/** The people I block, newest first. */
export async function myBlocks(deps: MarketplaceDeps, ctx: RequestContext, input: PageInput) {
  const { userId } = requireActor(ctx);
  const page = parseInput(pageQuerySchema, input);
  return withTenant(deps.db, ctx, async (tx) => toPage(await listBlocks(tx, userId, page), page.limit, (r) => idCursor(r.id), present));
}
