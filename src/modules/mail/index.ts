/**
 * Outgoing e-mail: messages are written to the tenant's outbox in the caller's
 * transaction; the delivery worker sends them (SMTP, or the server log without one).
 */
export { type DeliveryOptions, type DeliveryReport, deliverDueMail, retryDelayMs, type UnsubscribeLink } from './delivery';
export { type Mailer, type MailMessage, outboxMailer } from './mailer';
export { listOutbox, type OutboxEntry, showOutboxMessage } from './outbox';
export { mailRoutes } from './routes';
export {
  configuredTransport,
  logTransport,
  type MailAttachment,
  type MailLog,
  MailSendError,
  type MailTransport,
  type OutgoingMail,
  renderForLog,
  smtpTransport,
} from './transport';
export { type MailWorker, type MailWorkerOptions, startMailWorker } from './worker';
