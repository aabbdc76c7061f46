import { createReadStream } from 'node:fs';
import type { TenantTx } from '../../db/tenant-context';
import type { MediaDeps } from './deps';
import { mediaSettingsOf } from './repository';
import type { MediaDetails } from './schemas';
import { removeQuietly } from './staging';
import { prepareUpload, readSettings, storePrepared } from './upload-media';

export type MediaImportDeps = Omit<MediaDeps, 'db'>;

/**
 * `mono import`: a file from a local path into a person's or an account's library, in
 * the caller's transaction, through the upload's own pipeline (size limit, type from the
 * bytes and the tenant's allow-list, images without their location, thumbnail, quota).
 * Emits no event: an import is not a user action. Answers the row's id — an existing
 * one when the owner has these exact bytes already (`deduplicated`).
 */
export async function importMediaFile(
  deps: MediaImportDeps,
  tx: TenantTx,
  input: { id: string; path: string; filename: string; uploaderId: string; accountId: string | null; details: MediaDetails },
): Promise<{ id: string; deduplicated: boolean }> {
  const settings = readSettings(await mediaSettingsOf(tx));
  const temps: string[] = [];
  try {
    const prepared = await prepareUpload(deps, settings, { stream: createReadStream(input.path) }, temps);
    const { row, deduplicated } = await storePrepared(deps, tx, input, prepared, input);
    return { id: row.id, deduplicated };
  } finally {
    await removeQuietly(...temps);
  }
}
