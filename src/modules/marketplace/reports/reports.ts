import { type RequestContext, requireActor } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { toPage } from '../../../core/pagination';
import { parseInput } from '../../../core/validation';
import { idCursor } from '../../../db/keyset';
import { withTenant } from '../../../db/tenant-context';
import type { MarketplaceDeps } from '../shared/deps';
import { closeReport, hideTarget, insertReport, listReports, lockReport, type ReportRow, targetVisible } from './repository';
import {
  type ReportCreateInput,
  type ReportDismissInput,
  type ReportListQueryInput,
  type ReportResolveInput,
  reportCreateSchema,
  reportDismissSchema,
  reportListQuerySchema,
  reportResolveSchema,
} from './schemas';

export function presentReport(row: ReportRow) {
  return {
    id: row.id,
    reporterId: row.reporterId,
    targetType: row.targetType,
    targetId: row.targetId,
    reason: row.reason,
    text: row.body,
    status: row.status,
    resolvedBy: row.resolvedBy,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolutionNote: row.resolutionNote,
    targetHidden: row.targetHidden,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Reports something the reporter can see (422 UNKNOWN_REPORT_TARGET otherwise, also for
 * oneself); one open report per reporter and target — the partial unique key refuses a
 * second (409 ALREADY_REPORTED), also when two arrive at once.
 */
export async function createReport(deps: MarketplaceDeps, ctx: RequestContext, input: ReportCreateInput) {
  const { userId } = requireActor(ctx);
  const data = parseInput(reportCreateSchema, input);
  return withTenant(deps.db, ctx, async (tx) => {
    const self = data.targetType === 'USER' && data.targetId === userId;
    if (self || !(await targetVisible(tx, data.targetType, data.targetId, userId))) {
      throw new AppError('UNKNOWN_REPORT_TARGET', undefined, { errors: [{ path: 'targetId', message: `no ${data.targetType.toLowerCase()} you can report` }] });
    }
    const row = await insertReport(tx, {
      reporterId: userId,
      targetType: data.targetType,
      targetId: data.targetId,
      reason: data.reason,
      body: data.text ?? null,
    });
    return presentReport(row);
  });
}

/** The moderation queue: reports by status and target, newest first (tenant.reports.read). */
export async function reportQueue(deps: MarketplaceDeps, ctx: RequestContext, input: ReportListQueryInput) {
  const query = parseInput(reportListQuerySchema, input);
  return withTenant(deps.db, ctx, async (tx) => toPage(await listReports(tx, query, query), query.limit, (r) => idCursor(r.id), presentReport));
}

async function close(deps: MarketplaceDeps, ctx: RequestContext, id: string, outcome: 'RESOLVED' | 'DISMISSED', note: string | null, hide: boolean) {
  const { userId } = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    const report = await lockReport(tx, id);
    if (!report) throw new AppError('REPORT_NOT_FOUND');
    if (report.status !== 'OPEN')
      throw new AppError('REPORT_CLOSED', `The report was ${report.status.toLowerCase()} already`, { extra: { reportStatus: report.status } });
    if (hide) await hideTarget(tx, report.targetType, report.targetId, userId, note);
    return presentReport(await closeReport(tx, id, { status: outcome, by: userId, note, hidden: hide }));
  });
}

/** Resolves an open report, optionally taking its target out of sight (audited: the report row and the target's change). */
export async function resolveReport(deps: MarketplaceDeps, ctx: RequestContext, id: string, input: ReportResolveInput) {
  const data = parseInput(reportResolveSchema, input);
  return close(deps, ctx, id, 'RESOLVED', data.note ?? null, data.hideTarget);
}

/** Dismisses an open report: nothing wrong. */
export async function dismissReport(deps: MarketplaceDeps, ctx: RequestContext, id: string, input: ReportDismissInput) {
  const data = parseInput(reportDismissSchema, input);
  return close(deps, ctx, id, 'DISMISSED', data.note ?? null, false);
}
