/**
 * Public profiles: what a person chooses to show (public fields), the public face of
 * people and accounts with their rating and newest open listings, the applicant as the
 * listing's account sees them, and the public review lists. docs/marketplace.md.
 */
export type { ProfilesDeps } from './deps';
export { profileRoutes } from './routes';
export { PUBLIC_FIELDS, type PublicField } from './schemas';
export { createProfileService, type ProfileService } from './service';
