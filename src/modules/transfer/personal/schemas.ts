import { z } from 'zod';
import { isoDateTime, toIso, uuid } from '../../../http/kit/schemas';
import type { ExportRow } from './repository';

export const exportStatuses = ['PENDING', 'RUNNING', 'READY', 'FAILED', 'EXPIRED'] as const;

export const userExportSchema = z
  .object({
    id: uuid,
    userId: uuid,
    requestedBy: uuid,
    status: z.enum(exportStatuses),
    createdAt: isoDateTime,
    startedAt: isoDateTime.nullable(),
    completedAt: isoDateTime.nullable(),
    expiresAt: isoDateTime.nullable().describe('Until when the archive can be downloaded (READY); it is deleted then'),
    sizeBytes: z.number().int().nullable(),
    sha256: z.string().nullable().describe('SHA-256 (hex) of the archive'),
    error: z.string().nullable(),
  })
  .meta({ id: 'UserExport' });
export type UserExportView = z.infer<typeof userExportSchema>;

export const ownExportParams = z.strictObject({ exportId: uuid });
export const userExportParams = z.strictObject({ userId: uuid, exportId: uuid });

export function presentExport(row: ExportRow): UserExportView {
  return {
    id: row.id,
    userId: row.user_id,
    requestedBy: row.requested_by,
    status: row.status,
    createdAt: toIso(row.created_at)!,
    startedAt: toIso(row.started_at),
    completedAt: toIso(row.completed_at),
    expiresAt: toIso(row.expires_at),
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    sha256: row.sha256,
    error: row.error,
  };
}
