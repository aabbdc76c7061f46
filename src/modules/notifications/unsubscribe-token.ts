import { type Config, secretBox } from '../../config';
import { isUuid } from '../../core/ids';
import type { SecretBox } from '../../core/secret-box';
import type { UnsubscribeLink } from '../mail';
import { type NotificationTopic, TOPICS } from './topics';

export interface UnsubscribeClaim {
  tenantId: string;
  userId: string;
  topic: NotificationTopic;
}

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidOf = (bytes: Buffer) => {
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/**
 * The token of a one-click unsubscribe link: whose e-mail of which topic, signed
 * (`<base64url(tenant ‖ user)>.<topic>.<key id>.<HMAC>`). It names its tenant, so the
 * link works without X-Tenant and without signing in, and changes exactly that one choice.
 */
export function unsubscribeToken(box: SecretBox, claim: UnsubscribeClaim): string {
  const data = `${Buffer.concat([uuidBytes(claim.tenantId), uuidBytes(claim.userId)]).toString('base64url')}.${claim.topic}`;
  return `${data}.${box.sign(`unsubscribe:${data}`)}`;
}

/** The claim of a genuine token; null for anything else. */
export function readUnsubscribeToken(box: SecretBox, token: string): UnsubscribeClaim | null {
  const parts = token.split('.');
  if (parts.length !== 4) return null;
  const [ids, topic, keyId, mac] = parts as [string, string, string, string];
  const data = `${ids}.${topic}`;
  if (!TOPICS.includes(topic as NotificationTopic) || !box.verify(`unsubscribe:${data}`, `${keyId}.${mac}`)) return null;
  const bytes = Buffer.from(ids, 'base64url');
  if (bytes.length !== 32) return null;
  const tenantId = uuidOf(bytes.subarray(0, 16));
  const userId = uuidOf(bytes.subarray(16));
  return isUuid(tenantId) && isUuid(userId) ? { tenantId, userId, topic: topic as NotificationTopic } : null;
}

/**
 * The unsubscribe links of the delivery worker (mail's DeliveryOptions.unsubscribeLink):
 * `<public URL>/api/v1/public/unsubscribe?token=…`, the tenant's own URL when it has one.
 * RFC 8058 asks for https: set PUBLIC_URL (or the tenant's mail.publicUrl) to one.
 */
export function unsubscribeLinks(config: Pick<Config, 'secretKeys' | 'dataDir' | 'publicUrl'>): UnsubscribeLink {
  return ({ tenantId, userId, topic, publicUrl }) => {
    const token = unsubscribeToken(secretBox(config), { tenantId, userId, topic: topic as NotificationTopic });
    return `${(publicUrl ?? config.publicUrl).replace(/\/+$/, '')}/api/v1/public/unsubscribe?token=${token}`;
  };
}
