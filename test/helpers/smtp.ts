import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope: MAIL FROM and RCPT TO as the server saw them. */
  envelopeFrom: string;
  envelopeTo: string[];
  /** Who signed in (SMTP AUTH). */
  user: string | undefined;
  parsed: ParsedMail;
}

/** An answer the server gives to RCPT TO instead of accepting: e.g. { code: 451, message: 'try later' }. */
export interface Refusal {
  code: number;
  message: string;
}

export interface SmtpSink {
  /** smtp://user:secret@127.0.0.1:<port> */
  url: string;
  received: ReceivedMail[];
  /** Decides per recipient whether to refuse it; accept everything when it answers undefined. */
  refuse: (recipient: string) => Refusal | undefined;
  /** Messages received for an address. */
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

/**
 * A real SMTP server (the smtp-server package) on a free local port, requiring the
 * login user:secret, without TLS: what the delivery worker talks to in the tests.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const sink = {
    received: [] as ReceivedMail[],
    refuse: (() => undefined) as SmtpSink['refuse'],
  } as SmtpSink;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'user' && auth.password === 'secret') callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid credentials'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      const refusal = sink.refuse(address.address);
      if (refusal) callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      else callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          sink.received.push({
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            user: typeof session.user === 'string' ? session.user : undefined,
            parsed,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  sink.url = `smtp://user:secret@127.0.0.1:${port}`;
  sink.to = (address) => sink.received.filter((m) => m.envelopeTo.includes(address));
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
