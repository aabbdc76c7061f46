import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type DueRows, tenantsWithDueRows } from '../../db/due-work';
import { ratingSummaries, reviewReports, reviews } from '../../db/schema/reviews';
import { firstRow, rows } from '../../db/sql';
import type { TenantTx, Tx } from '../../db/tenant-context';

/** How long after the work ended its two sides may review each other. */
export const REVIEW_WINDOW = sql`interval '14 days'`;

export type ReviewRow = typeof reviews.$inferSelect;
export type ReviewInsert = Omit<typeof reviews.$inferInsert, 'tenantId' | 'id'>;

/** A booking as a review needs it, row-locked: the two writers of one booking queue here. */
export interface BookingToReview {
  id: string;
  clientId: string;
  resourceId: string;
  status: string;
  /** The listing it was booked through: the client's review counts for the listing too. */
  listingId: string | null;
  closesAt: Date;
  closed: boolean;
}

export async function lockBookingForReview(tx: TenantTx, bookingId: string): Promise<BookingToReview | undefined> {
  return firstRow<BookingToReview>(
    tx,
    sql`select id, client_id as "clientId", resource_id as "resourceId", status::text as status, listing_id as "listingId",
               end_time + ${REVIEW_WINDOW} as "closesAt", end_time + ${REVIEW_WINDOW} <= now() as closed
          from bookings where tenant_id = ${tx.tenantId} and id = ${bookingId} for no key update`,
  );
}

/** An application with its (live) listing as a review needs them; the application row is locked. */
export interface ApplicationToReview {
  id: string;
  applicantId: string;
  status: string;
  listingId: string;
  accountId: string;
  ended: boolean;
  closesAt: Date | null;
  closed: boolean;
}

export async function lockApplicationForReview(tx: TenantTx, applicationId: string): Promise<ApplicationToReview | undefined> {
  return firstRow<ApplicationToReview>(
    tx,
    sql`select a.id, a.applicant_id as "applicantId", a.status::text as status, l.id as "listingId", l.account_id as "accountId",
               coalesce(l.end_date <= now(), false) as ended, l.end_date + ${REVIEW_WINDOW} as "closesAt",
               coalesce(l.end_date + ${REVIEW_WINDOW} <= now(), false) as closed
          from applications a
          join listings l on l.tenant_id = a.tenant_id and l.id = a.listing_id and l.deleted_at is null
         where a.tenant_id = ${tx.tenantId} and a.id = ${applicationId}
           for no key update of a`,
  );
}

export async function insertReview(tx: TenantTx, values: ReviewInsert): Promise<ReviewRow> {
  const [row] = await tx
    .insert(reviews)
    .values({ ...values, tenantId: tx.tenantId })
    .returning();
  return row!;
}

/** The subject a review is about: one booking or one application. */
export type ReviewSubject = { bookingId: string } | { applicationId: string };

const subjectIs = (subject: ReviewSubject) =>
  'bookingId' in subject ? eq(reviews.bookingId, subject.bookingId) : eq(reviews.applicationId, subject.applicationId);

/**
 * Reveals both reviews of the subject once both sides have written; the caller holds
 * the subject's row lock, so the second writer always sees the first.
 */
export async function revealWhenBothWrote(tx: TenantTx, subject: ReviewSubject): Promise<string[]> {
  const both = sql`(select count(*) from ${reviews} r where r.tenant_id = ${tx.tenantId} and ${
    'bookingId' in subject ? sql`r.booking_id = ${subject.bookingId}` : sql`r.application_id = ${subject.applicationId}`
  }) = 2`;
  const revealed = await tx
    .update(reviews)
    .set({ revealedAt: sql`now()` })
    .where(and(eq(reviews.tenantId, tx.tenantId), subjectIs(subject), isNull(reviews.revealedAt), both))
    .returning({ id: reviews.id });
  return revealed.map((r) => r.id);
}

export async function findReview(tx: TenantTx, id: string, lock = false): Promise<ReviewRow | undefined> {
  const query = tx
    .select()
    .from(reviews)
    .where(and(eq(reviews.tenantId, tx.tenantId), eq(reviews.id, id)));
  const [row] = await (lock ? query.for('no key update') : query);
  return row;
}

/** The reviewee's one reply: only while there is none (undefined otherwise). */
export async function setReply(tx: TenantTx, id: string, reply: string, by: string): Promise<ReviewRow | undefined> {
  const [row] = await tx
    .update(reviews)
    .set({ reply, repliedAt: sql`now()`, repliedBy: by })
    .where(and(eq(reviews.tenantId, tx.tenantId), eq(reviews.id, id), isNull(reviews.reply)))
    .returning();
  return row;
}

export async function insertReport(tx: TenantTx, reviewId: string, reporterId: string, reason: string) {
  const [row] = await tx.insert(reviewReports).values({ tenantId: tx.tenantId, reviewId, reporterId, reason }).returning();
  return row!;
}

/** Hides a review (once: a hidden one keeps its first moderator and reason). */
export async function hideReview(tx: TenantTx, id: string, by: string, reason: string | null): Promise<ReviewRow | undefined> {
  const [row] = await tx
    .update(reviews)
    .set({ hiddenAt: sql`now()`, hiddenBy: by, hiddenReason: reason })
    .where(and(eq(reviews.tenantId, tx.tenantId), eq(reviews.id, id), isNull(reviews.hiddenAt)))
    .returning();
  return row;
}

/** A review with what a reader needs to name its author. */
export interface ReviewListRow extends ReviewRow {
  authorName: string | null;
  reportCount: number;
}

/** Whose public reviews: about a person, about an account, or about a listing's side. */
export type ReviewsOf = { userId: string } | { accountId: string } | { listingId: string };

const beforeId = (cursorId: string | undefined) => (cursorId ? sql`and r.id < ${cursorId}::uuid` : sql``);

const listColumns = (tx: TenantTx) => sql`r.*,
  case when r.author_account_id is not null
       then (select a.name from accounts a where a.tenant_id = ${tx.tenantId} and a.id = r.author_account_id)
       else (select p.display_name from user_profiles p where p.tenant_id = ${tx.tenantId} and p.user_id = r.author_id) end as author_name,
  (select count(*)::int from review_reports x where x.tenant_id = ${tx.tenantId} and x.review_id = r.id) as report_count`;

const camel = (row: Record<string, unknown>): ReviewListRow => {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = value;
  return out as unknown as ReviewListRow;
};

/** Revealed, not hidden reviews, newest first. */
export async function listPublicReviews(tx: TenantTx, of: ReviewsOf, page: { cursorId?: string; limit: number }): Promise<ReviewListRow[]> {
  const whose =
    'userId' in of
      ? sql`r.subject_user_id = ${of.userId}`
      : 'accountId' in of
        ? sql`r.subject_account_id = ${of.accountId}`
        : sql`r.listing_id = ${of.listingId} and r.author_side in ('APPLICANT', 'CLIENT')`;
  const found = await rows<Record<string, unknown>>(
    tx,
    sql`select ${listColumns(tx)} from reviews r
         where r.tenant_id = ${tx.tenantId} and ${whose} and r.revealed_at is not null and r.hidden_at is null ${beforeId(page.cursorId)}
         order by r.id desc limit ${page.limit + 1}`,
  );
  return found.map(camel);
}

/**
 * The caller's reviews: those they wrote (in any state), or those about them as a person
 * that everyone can see (revealed, not hidden), newest first.
 */
export async function listOwnReviews(tx: TenantTx, me: string, as: 'author' | 'subject', page: { cursorId?: string; limit: number }): Promise<ReviewListRow[]> {
  const whose = as === 'author' ? sql`r.author_id = ${me}` : sql`r.subject_user_id = ${me} and r.revealed_at is not null and r.hidden_at is null`;
  const found = await rows<Record<string, unknown>>(
    tx,
    sql`select ${listColumns(tx)} from reviews r
         where r.tenant_id = ${tx.tenantId} and ${whose} ${beforeId(page.cursorId)}
         order by r.id desc limit ${page.limit + 1}`,
  );
  return found.map(camel);
}

export interface ModerationFilter {
  reported?: boolean;
  hidden?: boolean;
  cursorId?: string;
  limit: number;
}

/** Every review of the tenant for its moderators, newest first. */
export async function listTenantReviews(tx: TenantTx, filter: ModerationFilter): Promise<ReviewListRow[]> {
  const reported = sql`exists (select 1 from review_reports x where x.tenant_id = ${tx.tenantId} and x.review_id = r.id)`;
  const conditions = [
    filter.reported === undefined ? sql`` : filter.reported ? sql`and ${reported}` : sql`and not ${reported}`,
    filter.hidden === undefined ? sql`` : filter.hidden ? sql`and r.hidden_at is not null` : sql`and r.hidden_at is null`,
  ];
  const found = await rows<Record<string, unknown>>(
    tx,
    sql`select ${listColumns(tx)} from reviews r
         where r.tenant_id = ${tx.tenantId} ${conditions[0]} ${conditions[1]} ${beforeId(filter.cursorId)}
         order by r.id desc limit ${filter.limit + 1}`,
  );
  return found.map(camel);
}

export type RatingKind = 'USER' | 'ACCOUNT' | 'LISTING';

/** Count and star sum per subject (subjects without a counted review are missing). */
export async function readRatingSums(tx: TenantTx, kind: RatingKind, ids: string[]): Promise<Map<string, { count: number; sum: number }>> {
  if (ids.length === 0) return new Map();
  const found = await tx
    .select({ id: ratingSummaries.subjectId, count: ratingSummaries.reviewCount, sum: ratingSummaries.starSum })
    .from(ratingSummaries)
    .where(and(eq(ratingSummaries.tenantId, tx.tenantId), eq(ratingSummaries.subjectKind, kind), inArray(ratingSummaries.subjectId, ids)));
  return new Map(found.map((r) => [r.id, { count: r.count, sum: r.sum }]));
}

/** Reviews whose window has closed, not revealed yet. */
const dueReviews: DueRows = {
  from: sql`reviews`,
  where: sql`revealed_at is null and window_closes_at <= now()`,
  oldest: sql`window_closes_at`,
};

/** The tenants with reviews to reveal (platform path; a plain read, see db/due-work.ts). For the reviews.reveal job. */
export function tenantsWithDueReviews(tx: Tx): Promise<string[]> {
  return tenantsWithDueRows(tx, dueReviews);
}

/**
 * Reveals the tenant's reviews whose window has closed, oldest first, at most `limit`
 * (rows a writer holds are left for the next run). For the reviews.reveal job.
 */
export async function revealDueReviews(tx: Tx, tenantId: string, options: { limit: number }): Promise<number> {
  const row = await firstRow<{ n: number }>(
    tx,
    sql`with due as materialized (
          select tenant_id, id from reviews where tenant_id = ${tenantId} and ${dueReviews.where}
           order by window_closes_at limit ${options.limit} for update skip locked),
        revealed as (
          update reviews r set revealed_at = r.window_closes_at from due
           where r.tenant_id = ${tenantId} and r.tenant_id = due.tenant_id and r.id = due.id returning 1)
        select count(*)::int as n from revealed`,
  );
  return row?.n ?? 0;
}
