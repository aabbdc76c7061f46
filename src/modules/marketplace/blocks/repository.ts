import { and, desc, eq, isNull } from 'drizzle-orm';
import { beforeIdCursor } from '../../../db/keyset';
import { userBlocks } from '../../../db/schema/marketplace';
import { users } from '../../../db/schema/tenancy';
import type { TenantTx } from '../../../db/tenant-context';

export interface BlockRow {
  id: string;
  blockedId: string;
  createdAt: Date;
}

const columns = { id: userBlocks.id, blockedId: userBlocks.blockedId, createdAt: userBlocks.createdAt };

/** A live person of the tenant (not deleted). */
export async function userExists(tx: TenantTx, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tx.tenantId), eq(users.id, userId), isNull(users.deletedAt)));
  return row !== undefined;
}

/** Records the block; undefined when it existed already (the unique key decides, also for two at once). */
export async function insertBlock(tx: TenantTx, blockerId: string, blockedId: string): Promise<BlockRow | undefined> {
  const [row] = await tx.insert(userBlocks).values({ tenantId: tx.tenantId, blockerId, blockedId }).onConflictDoNothing().returning(columns);
  return row;
}

export async function findBlock(tx: TenantTx, blockerId: string, blockedId: string): Promise<BlockRow | undefined> {
  const [row] = await tx
    .select(columns)
    .from(userBlocks)
    .where(and(eq(userBlocks.tenantId, tx.tenantId), eq(userBlocks.blockerId, blockerId), eq(userBlocks.blockedId, blockedId)));
  return row;
}

export async function deleteBlock(tx: TenantTx, blockerId: string, blockedId: string): Promise<void> {
  await tx.delete(userBlocks).where(and(eq(userBlocks.tenantId, tx.tenantId), eq(userBlocks.blockerId, blockerId), eq(userBlocks.blockedId, blockedId)));
}

export async function listBlocks(tx: TenantTx, blockerId: string, page: { cursor?: string; limit: number }): Promise<BlockRow[]> {
  return tx
    .select(columns)
    .from(userBlocks)
    .where(and(eq(userBlocks.tenantId, tx.tenantId), eq(userBlocks.blockerId, blockerId), beforeIdCursor(userBlocks.id, page.cursor)))
    .orderBy(desc(userBlocks.id))
    .limit(page.limit + 1);
}
