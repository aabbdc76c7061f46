import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { withTenant } from '../../db/tenant-context';
import { hashToken, issueToken, tokenTenant } from '../access';
import { type SchedulingDeps, withManagedUser } from './access';
import { renderCalendar } from './ical';
import * as repo from './repository';
import { feedOwnerInput, feedTokenInput, parseInput } from './schemas';
import { DAY } from './time';

export type CalendarDeps = SchedulingDeps;

/** How far back and ahead a feed reaches, and how many events it may hold. */
export const FEED_PAST_DAYS = 90;
export const FEED_FUTURE_DAYS = 366;
export const FEED_MAX_EVENTS = 5000;

/**
 * Feed tokens are the tenant-bound tokens of identity/tokens.ts with the prefix `mcal`:
 * `mcal_` + base64url(tenant id ‖ 32 random bytes) — calendar apps send no X-Tenant
 * header, so the token names its tenant; the stored SHA-256 covers the whole token, so
 * the tenant part cannot be swapped. Tokens issued before the prefix are the same 64
 * characters without it and stay valid (their hash is of those 64 characters).
 */
function tenantOfToken(token: string): string | null {
  return tokenTenant(token.startsWith('mcal_') ? token : `mcal_${token}`, 'mcal');
}

/**
 * A resource's bookings as an iCalendar feed behind a secret URL, for calendar apps
 * that cannot sign in. The token carries 256 random bits and is shown once; only its
 * SHA-256 is stored, so a database leak does not leak working feed URLs.
 */
export function createCalendarFeedService(deps: CalendarDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  return {
    /** A new secret token for the user's feed; any previous token stops working. */
    async rotate(ctx: RequestContext, raw: { userId?: string }): Promise<{ userId: string; token: string }> {
      const input = parseInput(feedOwnerInput, raw);
      const { token, hash } = issueToken('mcal', ctx.tenantId!);
      return withManagedUser(db, ctx, input.userId, 'update', async (tx, userId) => {
        await repo.upsertFeed(tx, userId, hash);
        return { userId, token };
      });
    },

    async revoke(ctx: RequestContext, raw: { userId?: string }): Promise<void> {
      const input = parseInput(feedOwnerInput, raw);
      await withManagedUser(db, ctx, input.userId, 'update', async (tx, userId) => {
        if (!(await repo.deleteFeed(tx, userId))) throw new AppError('CALENDAR_FEED_NOT_FOUND');
      });
    },

    /**
     * The feed's text/calendar body, for whoever holds the token (the tenant comes
     * from the token). An unknown or revoked token, one whose owner was deactivated or
     * deleted, or one of another tenant than the request names, is a 404.
     */
    async render(ctx: RequestContext, raw: { token: string }): Promise<string> {
      const input = parseInput(feedTokenInput, raw);
      const tenantId = tenantOfToken(input.token);
      if (!tenantId || (ctx.tenantId && ctx.tenantId !== tenantId)) throw new AppError('CALENDAR_FEED_NOT_FOUND');
      const generatedAt = now();
      return withTenant(db, { ...ctx, tenantId }, async (tx) => {
        const owner = await repo.feedOwner(tx, hashToken(input.token));
        if (!owner) throw new AppError('CALENDAR_FEED_NOT_FOUND');
        if (!(await repo.tenantIsOpen(tx))) throw new AppError('TENANT_SUSPENDED', 'This marketplace is not active; its calendar feeds are paused');
        const span = { start: generatedAt.getTime() - FEED_PAST_DAYS * DAY, end: generatedAt.getTime() + FEED_FUTURE_DAYS * DAY };
        const rows = await repo.feedBookings(tx, owner, span, FEED_MAX_EVENTS);
        return renderCalendar({
          name: 'Bookings',
          generatedAt,
          events: rows.map((row) => ({
            uid: `${row.id}@mono`,
            start: row.startTime,
            end: row.endTime,
            summary: row.title,
            description: row.description,
            location: row.location,
            url: row.meetingUrl,
            status: row.status === 'PENDING' ? 'TENTATIVE' : 'CONFIRMED',
            created: row.createdAt,
            lastModified: row.updatedAt,
          })),
        });
      });
    },
  };
}

export type CalendarFeedService = ReturnType<typeof createCalendarFeedService>;
