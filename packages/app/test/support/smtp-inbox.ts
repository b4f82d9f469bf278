import { SMTPServer } from 'smtp-server';

/** A mail as the SMTP server received it, read back the way a mail client would show it. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; size: number }[];
}

export interface SmtpInbox {
  url: string;
  mails: ReceivedMail[];
  /** how many deliveries the server refused */
  refused: number;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback (the `smtp-server` package), with no TLS or authentication, as a
 * relay inside an office network would be. `refuse` makes it answer every recipient with a
 * temporary failure, as a server that is down for maintenance does.
 */
export async function startSmtpInbox(opts: { refuse?: boolean } = {}): Promise<SmtpInbox> {
  const inbox: SmtpInbox = { url: '', mails: [], refused: 0, close: async () => undefined };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!opts.refuse) return callback();
      inbox.refused++;
      callback(Object.assign(new Error('mailbox temporarily unavailable'), { responseCode: 451 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('latin1');
        inbox.mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          ...readMime(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  inbox.url = `smtp://127.0.0.1:${port}`;
  inbox.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return inbox;
}

// ── a small MIME reader: enough for what nodemailer writes (encoded words, base64/QP, multipart) ──

function splitHead(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const c = line.indexOf(':');
    if (c > 0) headers.set(line.slice(0, c).toLowerCase(), line.slice(c + 1).trim());
  }
  return { headers, body };
}

const utf8 = (latin1: string) => Buffer.from(latin1, 'latin1').toString('utf8');

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : utf8(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16)))),
    );
}

function decodeBody(body: string, encoding: string | undefined): Buffer {
  if (encoding?.toLowerCase() === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (encoding?.toLowerCase() === 'quoted-printable') {
    const latin = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(latin, 'latin1');
  }
  return Buffer.from(body, 'latin1');
}

const param = (header: string | undefined, name: string) => {
  const m = header ? new RegExp(`${name}\\*?="?([^";]+)"?`, 'i').exec(header) : null;
  return m ? decodeWords(m[1]!) : undefined;
};

function readMime(raw: string): Omit<ReceivedMail, 'from' | 'to'> {
  const top = splitHead(raw);
  const out: Omit<ReceivedMail, 'from' | 'to'> = { subject: decodeWords(top.headers.get('subject') ?? ''), text: '', attachments: [] };
  const walk = (part: { headers: Map<string, string>; body: string }) => {
    const type = part.headers.get('content-type') ?? 'text/plain';
    const boundary = param(type, 'boundary');
    if (type.toLowerCase().startsWith('multipart/') && boundary) {
      for (const piece of part.body.split(`--${boundary}`).slice(1)) {
        if (piece.startsWith('--')) break;
        walk(splitHead(piece.replace(/^\r\n/, '')));
      }
      return;
    }
    const content = decodeBody(part.body, part.headers.get('content-transfer-encoding'));
    const disposition = part.headers.get('content-disposition');
    if (disposition?.toLowerCase().startsWith('attachment')) {
      out.attachments.push({ filename: param(disposition, 'filename') ?? '', contentType: type.split(';')[0]!.trim(), size: content.length });
    } else if (type.toLowerCase().startsWith('text/plain')) {
      out.text += content.toString('utf8');
    }
  };
  walk(top);
  return out;
}
