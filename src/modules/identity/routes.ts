import { z } from 'zod';
import { pageOf, pageQuery, uuid } from '../../http/kit/schemas';
import { clearedSessionCookie, sessionCookie } from '../../http/kit/session-cookie';
import type { RouteModule } from '../../http/kit/types';
import { currentSession, endCurrentSession, startCookieSession } from './cookie-session';
import type { IdentityDeps } from './deps';
import { resendVerification, verifyEmail } from './email-verification';
import { changePassword, getMe, getProfile, updateMe, updateProfile } from './me';
import { listSessions, revokeOtherSessions, revokeSession } from './own-sessions';
import { confirmPasswordReset, requestPasswordReset } from './password-reset';
import {
  changePasswordBody,
  cookieSessionResponse,
  currentSessionSchema,
  disableTwoFactorBody,
  loginBody,
  loginResponse,
  profileBody,
  profileSchema,
  registerBody,
  resetConfirmBody,
  resetRequestBody,
  sessionSchema,
  tokenBody,
  totpCodeBody,
  updateMeBody,
  userSchema,
} from './schemas';
import { login, logout } from './sign-in';
import { register } from './sign-up';
import { confirmTwoFactor, disableTwoFactor, enrollTwoFactor, regenerateRecoveryCodes } from './two-factor';

const accepted = z.object({ status: z.literal('accepted') });
const registrationAccepted = z.object({
  email: z.string().describe('The address, normalised'),
  message: z.string().describe('What happens next: follow the link in the e-mail'),
});
const recoveryCodes = z.object({ recoveryCodes: z.array(z.string()).describe('Shown once: store them somewhere safe') });
const twoFactorConfirmed = recoveryCodes.extend({
  revokedSessions: z.number().int().describe('Your other sessions, signed out: they must sign in with the second factor'),
});

/** Sign-up, sign-in and the signed-in person's own identity. */
export const identityRoutes: RouteModule<IdentityDeps> = (app, deps) => {
  // ── public: sign-up and sign-in ────────────────────────────────────────────────
  app.post(
    '/api/v1/public/auth/register',
    {
      config: { permission: 'public.auth.register', errors: ['REGISTRATION_CLOSED', 'USERNAME_TAKEN', 'WEAK_PASSWORD'] },
      schema: {
        tags: ['Auth'],
        summary: 'Register',
        description:
          'Creates a user in the tenant named by X-Tenant and sends a verification e-mail. The answer is the same when the address is already registered (that person gets an e-mail saying so instead), so nobody learns from it who has an account. Passwords need 10+ characters with three of lower/upper/digit/symbol, or a 16+ character passphrase.',
        body: registerBody,
        response: { 202: registrationAccepted },
      },
    },
    async (request, reply) => reply.status(202).send(await register(deps, request.ctx, request.body)),
  );

  app.post(
    '/api/v1/public/auth/login',
    {
      config: {
        permission: 'public.auth.login',
        errors: ['INVALID_CREDENTIALS', 'INVALID_TWO_FACTOR_CODE', 'TOO_MANY_ATTEMPTS', 'TWO_FACTOR_REQUIRED', 'USER_DEACTIVATED'],
      },
      schema: {
        tags: ['Auth'],
        summary: 'Sign in',
        description:
          'Answers a session token for `Authorization: Bearer`. With two-factor authentication on, send `totp` (or `recoveryCode`) too; without it the answer is 401 TWO_FACTOR_REQUIRED. Repeated failures are answered 429 with Retry-After.',
        body: loginBody,
        response: { 200: loginResponse },
      },
    },
    async (request) => login(deps, request.ctx, request.body),
  );

  app.post(
    '/api/v1/public/auth/session',
    {
      config: {
        permission: 'public.auth.login',
        errors: ['INVALID_CREDENTIALS', 'INVALID_TWO_FACTOR_CODE', 'TOO_MANY_ATTEMPTS', 'TWO_FACTOR_REQUIRED', 'USER_DEACTIVATED'],
      },
      schema: {
        tags: ['Auth'],
        summary: 'Sign in with a session cookie (for browsers: the console)',
        description:
          'The checks of `POST /api/v1/public/auth/login` (two-factor and attempt limits included), but the session token is set as the cookie `mono_session` (HttpOnly, SameSite=Strict, Path=/api, Secure over https) instead of being answered, so no script can read it. The cookie then authenticates requests to `/api`; each one that changes something (POST, PUT, PATCH, DELETE) must send the answered `csrfToken` as the `X-CSRF-Token` header, or it is refused with 403 CSRF_TOKEN_INVALID. `GET /api/v1/user/session` answers the CSRF token again (after a reload); `DELETE /api/v1/user/session` signs out.',
        body: loginBody,
        response: { 200: cookieSessionResponse },
      },
    },
    async (request, reply) => {
      const { token, ...answer } = await startCookieSession(deps, request.ctx, request.body);
      reply.header('set-cookie', sessionCookie(token, new Date(answer.expiresAt), request.protocol === 'https'));
      return answer;
    },
  );

  app.post(
    '/api/v1/public/auth/logout',
    {
      config: { permission: 'public.auth.logout' },
      schema: { tags: ['Auth'], summary: 'Sign out (revokes the session of the bearer token)', security: [{ session: [] }], response: { 204: z.undefined() } },
    },
    async (request, reply) => {
      await logout(deps, request.ctx);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/public/auth/verify-email',
    {
      config: { permission: 'public.auth.verify', errors: ['INVALID_TOKEN'], tenantOptional: true },
      schema: { tags: ['Auth'], summary: 'Verify an e-mail address with the token from the e-mail', body: tokenBody, response: { 204: z.undefined() } },
    },
    async (request, reply) => {
      await verifyEmail(deps, request.ctx, request.body.token);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/public/auth/password-reset',
    {
      config: { permission: 'public.auth.reset' },
      schema: {
        tags: ['Auth'],
        summary: 'Request a password reset e-mail',
        description: 'Always answers 202, whether or not the address belongs to a user.',
        body: resetRequestBody,
        response: { 202: accepted },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(deps, request.ctx, request.body.email);
      return reply.status(202).send({ status: 'accepted' as const });
    },
  );

  app.post(
    '/api/v1/public/auth/password-reset/confirm',
    {
      config: { permission: 'public.auth.reset', errors: ['INVALID_TOKEN', 'WEAK_PASSWORD'], tenantOptional: true },
      schema: {
        tags: ['Auth'],
        summary: 'Set a new password with the token from the e-mail (signs out every session)',
        body: resetConfirmBody,
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      await confirmPasswordReset(deps, request.ctx, request.body.token, request.body.password);
      return reply.status(204).send();
    },
  );

  // ── user: me and my profile ────────────────────────────────────────────────────
  app.get(
    '/api/v1/user/me',
    {
      config: { permission: 'user.profile.read' },
      schema: { tags: ['Me'], summary: 'The signed-in user', response: { 200: userSchema } },
    },
    async (request) => getMe(deps, request.ctx),
  );

  app.patch(
    '/api/v1/user/me',
    {
      config: { permission: 'user.profile.update', errors: ['EMAIL_TAKEN', 'USERNAME_TAKEN'] },
      schema: {
        tags: ['Me'],
        summary: 'Change e-mail address or username (a new address must be verified again)',
        body: updateMeBody,
        response: { 200: userSchema },
      },
    },
    async (request) => updateMe(deps, request.ctx, request.body),
  );

  app.post(
    '/api/v1/user/me/verify-email',
    {
      config: { permission: 'user.profile.update', errors: ['ALREADY_VERIFIED', 'TOO_MANY_ATTEMPTS'] },
      schema: { tags: ['Me'], summary: 'Send a new verification e-mail', response: { 202: accepted } },
    },
    async (request, reply) => {
      await resendVerification(deps, request.ctx);
      return reply.status(202).send({ status: 'accepted' as const });
    },
  );

  app.get(
    '/api/v1/user/profile',
    {
      config: { permission: 'user.profile.read' },
      schema: { tags: ['Me'], summary: 'My profile', response: { 200: profileSchema } },
    },
    async (request) => getProfile(deps, request.ctx),
  );

  app.patch(
    '/api/v1/user/profile',
    {
      config: { permission: 'user.profile.update' },
      schema: { tags: ['Me'], summary: 'Change my profile (completeness is recomputed by the server)', body: profileBody, response: { 200: profileSchema } },
    },
    async (request) => updateProfile(deps, request.ctx, request.body),
  );

  app.post(
    '/api/v1/user/password',
    {
      config: { permission: 'user.security.update', errors: ['TOO_MANY_ATTEMPTS', 'WEAK_PASSWORD', 'WRONG_PASSWORD'] },
      schema: {
        tags: ['Me'],
        summary: 'Change my password (signs out my other sessions)',
        body: changePasswordBody,
        response: { 200: z.object({ revokedSessions: z.number().int() }) },
      },
    },
    async (request) => changePassword(deps, request.ctx, request.body),
  );

  // ── user: sessions ─────────────────────────────────────────────────────────────
  app.get(
    '/api/v1/user/sessions',
    {
      config: { permission: 'user.sessions.read' },
      schema: { tags: ['Sessions'], summary: 'My active sessions, newest first', querystring: pageQuery, response: { 200: pageOf(sessionSchema) } },
    },
    async (request) => listSessions(deps, request.ctx, request.query),
  );

  app.get(
    '/api/v1/user/session',
    {
      config: { permission: 'user.sessions.read', errors: ['SESSION_NOT_FOUND'] },
      schema: {
        tags: ['Sessions'],
        summary: 'The session of this request',
        description: 'With the session cookie, `csrfToken` is the value to send as `X-CSRF-Token` on changes: how a reloaded page resumes its session.',
        response: { 200: currentSessionSchema },
      },
    },
    async (request) => currentSession(deps, request.ctx, request.sessionCookie),
  );

  app.delete(
    '/api/v1/user/session',
    {
      config: { permission: 'user.sessions.delete', errors: ['SESSION_NOT_FOUND'] },
      schema: { tags: ['Sessions'], summary: 'Sign out: revokes the session of this request and clears the session cookie', response: { 204: z.undefined() } },
    },
    async (request, reply) => {
      await endCurrentSession(deps, request.ctx);
      return reply
        .status(204)
        .header('set-cookie', clearedSessionCookie(request.protocol === 'https'))
        .send();
    },
  );

  app.delete(
    '/api/v1/user/sessions/:sessionId',
    {
      config: { permission: 'user.sessions.delete', errors: ['SESSION_NOT_FOUND'] },
      schema: { tags: ['Sessions'], summary: 'Sign out one of my sessions', params: z.strictObject({ sessionId: uuid }), response: { 204: z.undefined() } },
    },
    async (request, reply) => {
      await revokeSession(deps, request.ctx, request.params.sessionId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/user/sessions/revoke-others',
    {
      config: { permission: 'user.sessions.delete' },
      schema: { tags: ['Sessions'], summary: 'Sign out every session but this one', response: { 200: z.object({ revokedSessions: z.number().int() }) } },
    },
    async (request) => revokeOtherSessions(deps, request.ctx),
  );

  // ── user: two-factor authentication ───────────────────────────────────────────
  app.post(
    '/api/v1/user/2fa/enroll',
    {
      config: { permission: 'user.security.update', errors: ['TWO_FACTOR_ALREADY_ENABLED'] },
      schema: {
        tags: ['Two-factor'],
        summary: 'Start enrolling an authenticator app',
        description: 'Answers the secret and an otpauth:// URI (show it as a QR code). Nothing changes until /confirm.',
        response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string() }) },
      },
    },
    async (request) => enrollTwoFactor(deps, request.ctx),
  );

  app.post(
    '/api/v1/user/2fa/confirm',
    {
      config: {
        permission: 'user.security.update',
        errors: ['TOO_MANY_ATTEMPTS', 'TWO_FACTOR_ALREADY_ENABLED', 'TWO_FACTOR_NOT_ENROLLED', 'WRONG_TWO_FACTOR_CODE'],
      },
      schema: {
        tags: ['Two-factor'],
        summary: 'Turn two-factor on with a first code; answers one-time recovery codes',
        description: 'Your other sessions are signed out: from now on, signing in takes the second factor too.',
        body: totpCodeBody,
        response: { 200: twoFactorConfirmed },
      },
    },
    async (request) => confirmTwoFactor(deps, request.ctx, request.body.code),
  );

  app.post(
    '/api/v1/user/2fa/disable',
    {
      config: { permission: 'user.security.update', errors: ['TOO_MANY_ATTEMPTS', 'TWO_FACTOR_NOT_ENABLED', 'WRONG_PASSWORD', 'WRONG_TWO_FACTOR_CODE'] },
      schema: {
        tags: ['Two-factor'],
        summary: 'Turn two-factor off (password and a code or recovery code)',
        body: disableTwoFactorBody,
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      await disableTwoFactor(deps, request.ctx, request.body);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/user/2fa/recovery-codes',
    {
      config: { permission: 'user.security.update', errors: ['TOO_MANY_ATTEMPTS', 'TWO_FACTOR_NOT_ENABLED', 'WRONG_TWO_FACTOR_CODE'] },
      schema: { tags: ['Two-factor'], summary: 'Replace the recovery codes (needs a current code)', body: totpCodeBody, response: { 200: recoveryCodes } },
    },
    async (request) => regenerateRecoveryCodes(deps, request.ctx, request.body.code),
  );
};
