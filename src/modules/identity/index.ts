/**
 * People: registration, sign-in, sessions, two-factor authentication, e-mail
 * verification, password resets, profiles — and the administration of a tenant's users.
 */
export { userAdminRoutes } from './admin-routes';
export type { IdentityDeps } from './deps';
export { legacyHashProblem } from './legacy-hashes';
export { sendLinkMail } from './mails';
export { assertStrongPassword, hashPassword } from './passwords';
export { insertUser, normaliseEmail } from './repository';
export { identityRoutes } from './routes';
export { displayName, email, password, presentUser, profileBody, username, userSchema } from './schemas';
