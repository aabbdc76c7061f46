/** Outgoing e-mail: messages are written to the tenant's outbox in the caller's transaction. */
export { type Mailer, type MailMessage, outboxMailer } from './mailer';
