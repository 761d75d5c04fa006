import nodemailer, { type Transporter } from "nodemailer";

let transport: Transporter | null | undefined;

/** Whether e-mail is set up (`SMTP_URL`); without it, links are written to the server log instead. */
export function mailConfigured(): boolean {
  return Boolean(process.env.SMTP_URL);
}

function transporter(): Transporter | null {
  if (transport === undefined) transport = process.env.SMTP_URL ? nodemailer.createTransport(process.env.SMTP_URL) : null;
  return transport;
}

/** For tests that start their own SMTP server: forget the transport made for an earlier SMTP_URL. */
export function resetMailTransport(): void {
  transport?.close();
  transport = undefined;
}

/**
 * Sends a plain-text e-mail through `SMTP_URL` from `MAIL_FROM`. Without SMTP the message goes
 * to the server log, so an operator can pass the link on. Returns whether it was e-mailed.
 */
export async function sendMail({ to, subject, text }: { to: string; subject: string; text: string }): Promise<boolean> {
  const smtp = transporter();
  if (!smtp) {
    console.log(`[mail] SMTP_URL is not set, so this e-mail to ${to} was not sent:\n${subject}\n\n${text}\n`);
    return false;
  }
  await smtp.sendMail({ from: process.env.MAIL_FROM || "LeadRank <no-reply@leadrank.invalid>", to, subject, text });
  return true;
}

/** The address links in e-mails point at: NEXTAUTH_URL, else the origin the request came to. */
export function appOrigin(requestOrigin?: string): string {
  return (process.env.NEXTAUTH_URL || requestOrigin || "http://localhost:3000").replace(/\/+$/, "");
}
