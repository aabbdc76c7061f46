import type { Transporter } from 'nodemailer';

/** A message on its way out: what the outbox row says, plus a stable Message-ID. */
export interface OutgoingMail {
  /** The outbox row's id: the Message-ID is derived from it, so a resend carries the same one. */
  id: string;
  tenantId: string;
  to: string;
  subject: string;
  text: string;
  template: string;
  /** The HTML part, when the message has one. */
  html?: string;
  /** The tenant's sender name (the address stays MAIL_FROM's) and reply-to address. */
  fromName?: string;
  replyTo?: string;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post). */
  headers?: Record<string, string>;
  /** Files to attach (a calendar invitation). */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/**
 * Where delivered mail goes: an SMTP server, or (without SMTP_URL) the server log.
 * `send` throws a MailSendError when the message could not be handed over.
 */
export interface MailTransport {
  readonly kind: 'smtp' | 'log';
  /** How many messages it sends at once. */
  readonly concurrency: number;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * Why a message could not be handed over. `permanent`: the server refused it for good
 * (a 5xx answer to the sender, a recipient or the content); sending again would get the
 * same answer. Everything else — 4xx answers, connection, TLS and timeout errors, a
 * refused login (the configuration is at fault, not the message) — is temporary.
 */
export class MailSendError extends Error {
  override name = 'MailSendError';
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

interface NodemailerError {
  message?: string;
  code?: string;
  responseCode?: number;
  response?: string;
}

/** Sorts a nodemailer error into permanent or temporary, with one line saying what happened. */
export function classifySendError(error: unknown): MailSendError {
  const e = (error ?? {}) as NodemailerError;
  const line = (e.response ?? e.message ?? String(error)).replace(/\s+/g, ' ').trim();
  const detail = e.code ? `${e.code}: ${line}` : line;
  const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600 && e.code !== 'EAUTH';
  return new MailSendError(detail, permanent);
}

/** The address part of MAIL_FROM ("Name <a@b>" or "a@b"). */
const fromAddress = (from: string): string => (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();

/** MAIL_FROM's domain, for the Message-ID. */
function fromDomain(from: string): string {
  const address = fromAddress(from);
  return address.slice(address.lastIndexOf('@') + 1).trim() || 'localhost';
}

/**
 * SMTP through nodemailer's connection pool. `url` is SMTP_URL: smtp:// upgrades with
 * STARTTLS when the server offers it (`?requireTLS=true` refuses to go on without);
 * smtps:// speaks TLS from the first byte. Timeouts are bounded so that a hanging server
 * cannot hold a message past the worker's lease.
 */
export function smtpTransport(options: { url: string; from: string; concurrency?: number }): MailTransport {
  const concurrency = options.concurrency ?? 4;
  // nodemailer is loaded with the first message, not at every start (~50 ms).
  let transporter: Promise<Transporter> | undefined;
  const connect = () =>
    (transporter ??= import('nodemailer').then(({ createTransport }) =>
      createTransport({
        url: options.url,
        pool: true,
        maxConnections: concurrency,
        connectionTimeout: 30_000,
        greetingTimeout: 30_000,
        socketTimeout: 60_000,
      }),
    ));
  const domain = fromDomain(options.from);
  return {
    kind: 'smtp',
    concurrency,
    async send(mail) {
      try {
        await (await connect()).sendMail({
          from: mail.fromName ? { name: mail.fromName, address: fromAddress(options.from) } : options.from,
          to: mail.to,
          replyTo: mail.replyTo,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: `<${mail.id}@${domain}>`,
          headers: { ...mail.headers, 'X-Mono-Template': mail.template },
          attachments: mail.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        });
      } catch (error) {
        throw classifySendError(error);
      }
    },
    close: () =>
      void transporter?.then(
        (t) => t.close(),
        () => undefined,
      ),
  };
}

/** pino's shape, so the HTTP server's logger can be passed as it is. */
export interface MailLog {
  info(details: Record<string, unknown>, message: string): void;
}

const LINK = /https?:\/\/[^\s<>"')]+/g;

/** The message as a person reads it in a terminal: who, what, and the text with its links. */
export function renderForLog(mail: OutgoingMail, from: string): string {
  const rule = '─'.repeat(60);
  return [`mail ${mail.id}`, rule, `From:    ${from}`, `To:      ${mail.to}`, `Subject: ${mail.subject}`, '', mail.text, rule].join('\n');
}

/**
 * Zero-setup delivery (no SMTP_URL): every message is printed to the server log once,
 * readable (the text with its links as the message of the log line) and structured (id,
 * recipient, subject and the links as fields, for JSON logs), then counts as sent.
 */
export function logTransport(options: { log: MailLog; from: string }): MailTransport {
  return {
    kind: 'log',
    concurrency: 1,
    async send(mail) {
      const links = mail.text.match(LINK) ?? [];
      options.log.info(
        {
          mail: {
            id: mail.id,
            tenantId: mail.tenantId,
            to: mail.to,
            subject: mail.subject,
            template: mail.template,
            links,
            ...(mail.attachments?.length ? { attachments: mail.attachments.map((a) => a.filename) } : {}),
          },
        },
        renderForLog(mail, options.from),
      );
    },
    close: () => undefined,
  };
}

/** The transport the configuration asks for: SMTP with SMTP_URL, the log without. */
export function configuredTransport(mail: { smtpUrl?: string; from: string }, log: MailLog): MailTransport {
  return mail.smtpUrl ? smtpTransport({ url: mail.smtpUrl, from: mail.from }) : logTransport({ log, from: mail.from });
}
