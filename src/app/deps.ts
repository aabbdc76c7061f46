import type { BaseDeps } from '../http/kit/types';
import type { PermissionResolver, SessionCache, TenantResolver } from '../modules/access';
import type { ContentViews } from '../modules/content';
import type { Mailer } from '../modules/mail';
import type { LiveConversations } from '../modules/notifications';

/** Everything the composition root builds once per process and hands to the route modules. */
export interface AppDeps extends BaseDeps {
  mailer: Mailer;
  permissions: PermissionResolver;
  tenants: TenantResolver;
  /** Authenticated sessions, kept current by LISTEN/NOTIFY and re-checked by every transaction (session-cache.ts). */
  sessions: SessionCache;
  /** Counts signed-in readers' views of published content (the activity module's engagement). */
  contentViews: ContentViews;
  /** The marketplace's conversations, for the live event stream of the notifications module. */
  conversations: LiveConversations;
}
