import nodemailer from 'nodemailer';
import type { MailTransport } from '../../notifications/mailer.ts';

/** A transport to the SMTP server of STAGEGATE_SMTP_URL (`smtp://host:port`, `smtps://user:pass@host`). */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return { sendMail: (m) => transporter.sendMail(m), close: () => transporter.close() };
}
