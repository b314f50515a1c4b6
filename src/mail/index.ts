// Outgoing email. With SMTP_URL set, a real server; without it, each message is written as an .eml file
// to DATA_DIR/outbox so a library can try Circulate offline and an administrator can read what was sent.
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
}

export interface OutboxEntry {
  file: string;
  to: string;
  subject: string;
  date: Date;
}

export interface Mailer {
  readonly mode: "smtp" | "outbox";
  send(message: MailMessage): Promise<{ messageId: string }>;
  /** Messages written to the outbox, newest first (empty in SMTP mode). */
  outbox(limit?: number): Promise<OutboxEntry[]>;
  readOutbox(file: string): Promise<string | null>;
  close(): void;
}

export function createMailer(options: { smtpUrl?: string | undefined; from: string; outboxDir: string }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      mode: "smtp",
      async send(m) {
        const info = await transport.sendMail({ from: options.from, ...m });
        return { messageId: info.messageId };
      },
      outbox: async () => [],
      readOutbox: async () => null,
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    mode: "outbox",
    async send(m) {
      const info = await transport.sendMail({ from: options.from, ...m });
      await mkdir(options.outboxDir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const safeId = info.messageId.replace(/[^a-zA-Z0-9@.-]/g, "");
      await writeFile(path.join(options.outboxDir, `${stamp}_${safeId}.eml`), info.message as Buffer);
      return { messageId: info.messageId };
    },
    async outbox(limit = 200) {
      let files: string[];
      try {
        files = (await readdir(options.outboxDir)).filter((f) => f.endsWith(".eml"));
      } catch {
        return [];
      }
      files.sort().reverse();
      const entries: OutboxEntry[] = [];
      for (const file of files.slice(0, limit)) {
        const head = (await readFile(path.join(options.outboxDir, file), "utf8")).split("\n\n")[0] ?? "";
        const header = (name: string) =>
          head.match(new RegExp(`^${name}: (.*(?:\\n[ \\t].*)*)`, "mi"))?.[1]?.replace(/\n[ \t]+/g, " ") ?? "";
        entries.push({ file, to: header("To"), subject: decodeMimeWords(header("Subject")), date: new Date(header("Date")) });
      }
      return entries;
    },
    async readOutbox(file) {
      if (!/^[\w@.-]+\.eml$/.test(file)) return null;
      try {
        return await readFile(path.join(options.outboxDir, file), "utf8");
      } catch {
        return null;
      }
    },
    close: () => transport.close(),
  };
}

/** Decodes RFC 2047 encoded words (nodemailer uses them for non-ASCII subjects). */
function decodeMimeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=\s*/gi, (_m, _charset: string, enc: string, text: string) =>
    enc.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(
          text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
          "latin1",
        ).toString("utf8"),
  );
}

/** The job that sends one message; modules enqueue it (inside their transaction) instead of sending inline. */
export const MAIL_JOB = "mail.send";
