/**
 * The permission catalog: every permission a route or policy may ask for, as
 * tier.resource.action. It is the single source of truth; `mono migrate` writes it
 * (and the wildcard forms) into the `permissions` table, and a start-up check refuses
 * any route whose declared permission is not listed here.
 *
 * Adding a feature? Add its permissions here, then give them to the system roles
 * below if the defaults should include them (wildcards often already do).
 */
export const permissionCatalog = {
  // platform: operators of the installation (users of the platform tenant)
  'platform.tenants.read': 'List and view all tenants',
  'platform.tenants.create': 'Create tenants',
  'platform.tenants.update': 'Change tenants: name, status (suspend/activate), plan, expiry, features',
  'platform.tenants.delete': 'Delete (deactivate) tenants',
  'platform.permissions.read': 'Read the permission catalog',
  'platform.audit.read': 'Read audit trails across tenants',
  'platform.jobs.read': 'See background job status',

  // tenant: administration of one marketplace
  'tenant.settings.read': 'Read the tenant settings',
  'tenant.settings.update': 'Change the tenant name and settings',
  'tenant.users.read': 'List, search and view users',
  'tenant.users.create': 'Create or invite users',
  'tenant.users.update': 'Change users, deactivate and reactivate them',
  'tenant.users.delete': 'Soft-delete users',
  'tenant.users.erase': 'Erase a person’s personal data (right to erasure)',
  'tenant.users.export': 'Export a person’s personal data for them (right of access), and download it',
  'tenant.accounts.read': 'List and view all accounts',
  'tenant.accounts.create': 'Create accounts',
  'tenant.accounts.update': 'Change any account, its status, limits and subscription',
  'tenant.accounts.delete': 'Soft-delete accounts',
  'tenant.roles.read': 'List roles and their permissions',
  'tenant.roles.create': 'Create custom roles',
  'tenant.roles.update': 'Change custom roles and their permissions',
  'tenant.roles.delete': 'Delete custom roles',
  'tenant.grants.read': 'See who holds which role or permission',
  'tenant.grants.manage': 'Assign and revoke roles and permissions',
  'tenant.audit.read': 'Read the tenant’s audit trail',
  'tenant.api_keys.manage': 'Create, list and revoke the tenant’s API keys (machine credentials, never more than one holds oneself)',
  'tenant.mail.read': 'See the e-mails sent to the tenant’s people and their delivery status (not their text)',
  'tenant.mail.update': 'Change the tenant’s notice templates (subject, text and HTML per language)',
  'tenant.events.read': 'Read the tenant’s domain event feed',
  'tenant.webhooks.read': 'See webhook endpoints and their deliveries',
  'tenant.webhooks.manage': 'Register, change, rotate, test and delete webhook endpoints; redeliver',
  'tenant.categories.create': 'Create content categories',
  'tenant.categories.update': 'Change content categories',
  'tenant.categories.delete': 'Delete content categories',
  'tenant.content.read': 'Read all content of the tenant, in any state',
  'tenant.content.review': 'Approve or reject content submitted for review',
  'tenant.content.publish': 'Publish, unpublish, archive and restore any content',
  'tenant.media.read': 'List all media files of the tenant',
  'tenant.listings.read': 'Read all listings, in any state',
  'tenant.applications.read': 'Read all applications of the marketplace (moderation)',
  'tenant.conversations.moderate': 'Read the conversation of an application one is not part of (each read is recorded in the audit trail)',
  'tenant.listings.update': 'Moderate listings (pause, cancel)',
  'tenant.bookings.read': 'Read all bookings',
  'tenant.reviews.read': 'List all reviews, reported and hidden ones too',
  'tenant.reviews.moderate': 'Hide reviews (moderation)',
  'tenant.reports.read': 'The moderation queue of reports',
  'tenant.reports.moderate': 'Resolve (optionally hiding the target) and dismiss reports',

  // account: things owned by one account (agency, vendor, client…)
  'account.details.read': 'View the account, its business info, limits and subscription',
  'account.details.update': 'Change the account’s name and business info',
  'account.members.read': 'List the account’s members',
  'account.members.manage': 'Add and remove members and change their roles',
  'account.content.read': 'Read the account’s content in any state',
  'account.content.create': 'Create content for the account',
  'account.content.update': 'Edit the account’s content and submit it for review',
  'account.content.delete': 'Delete the account’s content',
  'account.content.publish': 'Publish, unpublish, archive and restore the account’s approved content',
  'account.media.read': 'List the account’s media files',
  'account.media.create': 'Upload media for the account',
  'account.media.update': 'Change the account’s media metadata',
  'account.media.delete': 'Delete the account’s media',
  'account.listings.read': 'Read the account’s listings in any state',
  'account.listings.create': 'Create listings for the account',
  'account.listings.update': 'Edit the account’s listings and change their status',
  'account.listings.delete': 'Delete the account’s listings',
  'account.applications.read': 'Read applications to the account’s listings',
  'account.applications.review': 'Review, shortlist, accept and reject applications',
  'account.messages.read': 'Read conversations on the account’s applications',
  'account.messages.create': 'Write in conversations on the account’s applications',
  'account.bookings.read': 'Read bookings of the account’s members',
  'account.reviews.reply': 'Review applicants for the account and reply to reviews of the account',
  'account.api_keys.manage': 'Create, list and revoke the account’s API keys (never more than one holds oneself in the account)',
  'account.bookings.manage': 'Manage bookings of the account’s members and override their availability (account admins)',

  // user: the caller’s own things
  'user.profile.read': 'Read one’s own user and profile',
  'user.profile.update': 'Change one’s own user and profile',
  'user.exports.create': 'Ask for an archive of one’s personal data',
  'user.exports.read': 'See and download one’s personal data archives',
  'user.security.update': 'Change one’s password and two-factor settings',
  'user.sessions.read': 'List one’s sessions',
  'user.sessions.delete': 'Revoke one’s sessions',
  'user.permissions.read': 'See what one may do',
  'user.accounts.read': 'List the accounts one belongs to',
  'user.accounts.create': 'Create an account (and become its admin)',
  'user.accounts.join': 'See, accept and decline invitations to accounts; leave accounts',
  'user.media.read': 'List one’s uploads',
  'user.media.create': 'Upload files',
  'user.media.update': 'Change one’s uploads',
  'user.media.delete': 'Delete one’s uploads',
  'user.applications.read': 'List one’s applications',
  'user.applications.create': 'Apply to listings',
  'user.applications.update': 'Edit or withdraw one’s applications',
  'user.messages.read': 'Read one’s conversations',
  'user.messages.create': 'Write messages',
  'user.messages.update': 'Edit, delete and mark one’s messages read',
  'user.bookings.read': 'List one’s bookings (as client or resource)',
  'user.bookings.create': 'Book',
  'user.bookings.update': 'Confirm, cancel and otherwise move one’s bookings',
  'user.availability.read': 'Read one’s availability',
  'user.availability.update': 'Change one’s availability',
  'user.activity.read': 'Read one’s activity feed',
  'user.activity.create': 'Like and share',
  'user.reviews.read': 'List the reviews one wrote and the visible reviews of oneself',
  'user.reviews.create': 'Review the other side of one’s completed bookings and applications; reply to reviews of oneself',
  'user.reviews.report': 'Report a review to the moderators',
  'user.favourites.read': 'List one’s favourite listings',
  'user.favourites.create': 'Save listings as favourites',
  'user.favourites.delete': 'Forget favourites',
  'user.searches.read': 'List one’s saved searches and their new matches',
  'user.searches.create': 'Save searches',
  'user.searches.delete': 'Delete saved searches',
  'user.blocks.read': 'List the people one blocks',
  'user.blocks.create': 'Block people (no applications, messages or bookings between them)',
  'user.blocks.delete': 'Lift one’s blocks',
  'user.reports.create': 'Report listings, people, messages and reviews to the moderators',
  'user.notifications.read': 'Read one’s notifications and notification preferences',
  'user.notifications.update': 'Mark one’s notifications read and change one’s notification preferences',

  // public: no session needed (the tenant comes from X-Tenant or the host name)
  'public.system.read': 'Health and API documentation',
  'public.tenant.read': 'Read the public face of the tenant',
  'public.auth.register': 'Register',
  'public.auth.login': 'Sign in',
  'public.auth.logout': 'Sign out (with the session token)',
  'public.auth.verify': 'Verify an email address',
  'public.auth.reset': 'Request and confirm a password reset',
  'public.content.read': 'Read and search published content',
  'public.categories.read': 'Read content categories',
  'public.media.read': 'Download media files',
  'public.listings.read': 'Browse and search active listings',
  'public.availability.read': 'See free slots of bookable people',
  'public.calendar.read': 'Subscribe to a calendar feed (secret URL)',
  'public.profiles.read': 'See public profiles of people and accounts, with their ratings and reviews',
  'public.notifications.unsubscribe': 'Stop e-mails of one topic with the signed link from such an e-mail',
} as const satisfies Record<string, string>;

export type PermissionName = keyof typeof permissionCatalog;

export const ROLE_LEVELS = ['PLATFORM', 'TENANT', 'ACCOUNT', 'USER'] as const;
export type RoleLevel = (typeof ROLE_LEVELS)[number];

/** Higher ranks may assign lower or equal levels, never higher. */
export const levelRank: Record<RoleLevel, number> = { PLATFORM: 4, TENANT: 3, ACCOUNT: 2, USER: 1 };

export interface SystemRole {
  name: string;
  level: RoleLevel;
  description: string;
  /** Catalog names or per-segment wildcards ('account.*.read', 'tenant.*.*', '*'). */
  permissions: string[];
}

/**
 * Roles every tenant gets, kept in sync by `mono migrate`. The account_* roles are what
 * AccountUser.role (admin/member/viewer) means inside that account.
 */
export const systemRoles: SystemRole[] = [
  {
    name: 'platform_admin',
    level: 'PLATFORM',
    description: 'Operator of the installation: everything, in every tenant (platform tenant only)',
    permissions: ['*'],
  },
  {
    name: 'tenant_admin',
    level: 'TENANT',
    description: 'Administers the marketplace: users, accounts, roles, moderation',
    permissions: ['tenant.*.*', 'account.*.*', 'user.*.*'],
  },
  {
    name: 'account_admin',
    level: 'ACCOUNT',
    description: 'Runs an account: members, listings, content, media, applications, bookings',
    permissions: ['account.*.*'],
  },
  {
    name: 'account_member',
    level: 'ACCOUNT',
    description: 'Works in an account: creates and edits listings and content, reviews applications',
    permissions: [
      'account.*.read',
      'account.content.create',
      'account.content.update',
      'account.media.create',
      'account.media.update',
      'account.listings.create',
      'account.listings.update',
      'account.applications.review',
      'account.messages.create',
      'account.reviews.reply',
    ],
  },
  {
    name: 'account_viewer',
    level: 'ACCOUNT',
    description: 'Looks into an account without changing anything',
    permissions: ['account.*.read'],
  },
  {
    name: 'user',
    level: 'USER',
    description: 'Every signed-up person: their own profile, sessions, applications, bookings, messages',
    permissions: ['user.*.*'],
  },
];

/** The system role an account membership role stands for. */
export const membershipRole = (role: 'admin' | 'member' | 'viewer') => `account_${role}`;
