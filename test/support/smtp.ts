import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  /** The message as received, quoted-printable soft breaks and escapes undone. */
  text: string;
  subject: string;
  messageId: string;
}

/** What the server does with the next message: take it, refuse it (451), or never answer DATA. */
export type SmtpMode = 'accept' | 'reject' | 'stall';

export interface TestSmtp {
  url: string;
  /** Messages accepted, in order. */
  inbox: ReceivedMail[];
  mode: SmtpMode;
  /** How long the server takes to answer the final "." of a message it accepts (a slow relay). */
  acceptDelayMs: number;
  /** Messages refused or stalled so far. */
  refused: number;
  /** Resolves when the next message's DATA begins (from now). */
  nextData(): Promise<void>;
  /** An outage: stops listening (new connections are refused, open ones dropped); the inbox is kept. */
  takeDown(): Promise<void>;
  /** Listens again on the same port after takeDown(). */
  bringUp(): Promise<void>;
  close(): Promise<void>;
}

/** Undoes quoted-printable soft breaks and escapes (UTF-8): enough to read text out of a raw message. */
export function readable(raw: string): string {
  const unfolded = raw.replace(/=\r?\n/g, '');
  return unfolded.replace(/(?:=[0-9A-F]{2})+/g, (run) => Buffer.from(run.split('=').slice(1).map((h) => parseInt(h, 16))).toString('utf8'));
}

/** A real SMTP server on a free port, its behaviour switchable while a test runs. */
export async function startTestSmtp(): Promise<TestSmtp> {
  const waiting: Array<() => void> = [];
  const state: TestSmtp = {
    url: '',
    inbox: [],
    mode: 'accept',
    acceptDelayMs: 0,
    refused: 0,
    nextData: () => new Promise<void>((resolve) => waiting.push(resolve)),
    takeDown: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async bringUp() {
      server = createServer();
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const createServer = () => {
    const created = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false, closeTimeout: 100,
      onData(stream, session, callback) {
        for (const wake of waiting.splice(0)) wake();
        const mode = state.mode;
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (mode === 'stall') {
            state.refused += 1;
            return; // never answers: the sender hangs until it is killed or times out
          }
          if (mode === 'reject') {
            state.refused += 1;
            callback(Object.assign(new Error('mail system temporarily unavailable'), { responseCode: 451 }));
            return;
          }
          // Long headers are folded onto continuation lines: unfold them.
          const text = readable(Buffer.concat(chunks).toString('utf8')).replace(/\r?\n[ \t]+/g, ' ');
          state.inbox.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            text,
            subject: /^Subject: (.*)$/m.exec(text)?.[1]?.trim() ?? '',
            messageId: /^Message-ID: (.*)$/im.exec(text)?.[1]?.trim() ?? '',
          });
          setTimeout(() => callback(), state.acceptDelayMs);
        });
      },
    });
    // A sender killed mid-message resets its connection: expected in crash tests, not a failure.
    created.on('error', () => undefined);
    return created;
  };
  let server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  state.url = `smtp://127.0.0.1:${port}`;
  return state;
}
