import type { RequestContext } from '../../core/context';
import type { TenantTx } from '../../db/tenant-context';
import { notify } from '../notifications';
import { deviceHistory } from './session-repository';

const now = () => `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * Security notices: always sent (e-mail and in-app), whatever the person's preferences.
 * A sign-in is from a new device when the person signed in before, but never with this
 * client (user agent); checked before the new session is written.
 */
export async function noticeIfNewDevice(tx: TenantTx, ctx: RequestContext, userId: string): Promise<void> {
  const history = await deviceHistory(tx, userId, ctx.userAgent ?? null);
  if (!history.signedInBefore || history.knownDevice) return;
  await notify(tx, {
    kind: 'security.new_sign_in',
    recipients: { users: [userId] },
    variables: { device: (ctx.userAgent ?? 'an unknown client').slice(0, 200), ip: ctx.ip ?? 'an unknown address', time: now() },
    link: '/console/me',
  });
}

export async function noticePasswordChanged(tx: TenantTx, userId: string): Promise<void> {
  await notify(tx, { kind: 'security.password_changed', recipients: { users: [userId] }, variables: { time: now() }, link: '/console/me' });
}

export async function noticeTwoFactorDisabled(tx: TenantTx, userId: string): Promise<void> {
  await notify(tx, { kind: 'security.two_factor_disabled', recipients: { users: [userId] }, variables: { time: now() }, link: '/console/me' });
}
