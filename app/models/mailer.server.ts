import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import { z } from "zod";
import { dataDir } from "~/utils/env.server";

/**
 * Outgoing email. With SMTP_URL set, messages go to that SMTP server; without it they are
 * written to `<data dir>/outbox` as .eml files (and listed at /hr/outbox), so a fresh install
 * can see exactly what would have been sent.
 */

const blankIsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const mailEnvSchema = z.object({
  // smtp://user:pass@host:587 or smtps://host:465; nodemailer reads further options from the query.
  SMTP_URL: z.preprocess(blankIsUnset, z.string().regex(/^smtps?:\/\/[^\s]+$/i, "SMTP_URL must look like smtp://host:port or smtps://host:port").optional()),
  MAIL_FROM: z.preprocess(blankIsUnset, z.string().regex(/@/, "MAIL_FROM must contain an email address").default("CareLearn <no-reply@carelearn.local>")),
  // Where people open CareLearn; links in emails are built from it.
  PUBLIC_URL: z.preprocess(blankIsUnset, z.url({ protocol: /^https?$/, error: "PUBLIC_URL must be an http(s) address" }).default("http://localhost:3000")),
});

export type MailConfig = { smtpUrl: string | undefined; from: string; publicUrl: string };

/** The mail settings from the environment, checked; a bad value throws with its name. */
export function mailConfig(source: Record<string, string | undefined> = process.env): MailConfig {
  const parsed = mailEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid mail configuration:\n  ${problems.join("\n  ")}`);
  }
  return { smtpUrl: parsed.data.SMTP_URL, from: parsed.data.MAIL_FROM, publicUrl: parsed.data.PUBLIC_URL.replace(/\/+$/, "") };
}

/** Where unsent-by-SMTP messages are kept. */
export function outboxDir(): string {
  return path.join(dataDir(), "outbox");
}

export type OutgoingMail = {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** The Date header; also the outbox file's timestamp. */
  date?: Date;
  /** Whose message it is: part of the outbox file name. */
  userId?: number;
  headers?: Record<string, string>;
};

export type Delivery = { messageId: string; via: "smtp" | "outbox"; file?: string };

export interface Mailer {
  readonly kind: "smtp" | "outbox";
  send(mail: OutgoingMail): Promise<Delivery>;
  close(): void;
}

/** 20261123T070000.123Z: sorts by time, safe in a file name. */
function fileStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "");
}

/** Outbox file names: <timestamp>-user-<id>.eml, with -<n> when that name is taken. Nothing else is ever read. */
export const OUTBOX_FILE_NAME = /^\d{8}T\d{6}\.\d{3}Z-user-\d{1,12}(?:-\d{1,4})?\.eml$/;

/** Writes a message into the outbox atomically (temporary file, then rename); returns its file name. */
export function writeOutboxFile(dir: string, raw: Buffer, date: Date, userId: number): string {
  fs.mkdirSync(dir, { recursive: true });
  const base = `${fileStamp(date)}-user-${userId}`;
  const temp = path.join(dir, `.${base}-${randomBytes(6).toString("hex")}.tmp`);
  fs.writeFileSync(temp, raw, { mode: 0o640 });
  try {
    for (let n = 1; n < 10_000; n++) {
      const name = n === 1 ? `${base}.eml` : `${base}-${n}.eml`;
      const target = path.join(dir, name);
      if (fs.existsSync(target)) continue;
      fs.renameSync(temp, target);
      return name;
    }
    throw new Error(`Too many outbox files named ${base}`);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** A mailer for the configuration: SMTP when SMTP_URL is set, otherwise the outbox folder. */
export function createMailer(options: { config?: MailConfig; outbox?: string } = {}): Mailer {
  const config = options.config ?? mailConfig();
  const message = (mail: OutgoingMail) => ({
    from: config.from,
    to: { name: mail.to.name, address: mail.to.address },
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    date: mail.date ?? new Date(),
    headers: mail.headers,
  });

  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    return {
      kind: "smtp",
      async send(mail) {
        const info = await transport.sendMail(message(mail));
        if (info.rejected.length > 0) throw new Error(`The SMTP server refused ${mail.to.address}: ${info.response}`);
        return { messageId: info.messageId, via: "smtp" };
      },
      close: () => transport.close(),
    };
  }

  const dir = options.outbox ?? outboxDir();
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  return {
    kind: "outbox",
    async send(mail) {
      const date = mail.date ?? new Date();
      const info = await transport.sendMail({ ...message(mail), date });
      const file = writeOutboxFile(dir, info.message as Buffer, date, mail.userId ?? 0);
      return { messageId: info.messageId, via: "outbox", file };
    },
    close: () => transport.close(),
  };
}

/**
 * A mailer for the configured delivery, handed to `use` with the public address links point to,
 * and closed afterwards whatever happens: what the pages that send a message need.
 */
export async function withMailer<T>(use: (mailer: Mailer, publicUrl: string) => Promise<T>): Promise<T> {
  const config = mailConfig();
  const mailer = createMailer({ config });
  try {
    return await use(mailer, config.publicUrl);
  } finally {
    mailer.close();
  }
}

// Reading .eml files back: just enough MIME for what nodemailer writes (and ordinary mail).

export type ParsedMail = { headers: Map<string, string>; text: string | null; html: string | null };

function decodeBytes(bytes: Uint8Array, charset: string | undefined): string {
  try {
    return new TextDecoder(charset?.trim() || "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

function quotedPrintableBytes(value: string, inHeader: boolean): Uint8Array {
  const source = (inHeader ? value.replace(/_/g, " ") : value).replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const hex = source[i] === "=" ? source.slice(i + 1, i + 3) : "";
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      const code = source.charCodeAt(i);
      if (code < 0x80) bytes.push(code);
      else bytes.push(...Buffer.from(source[i] as string, "utf8"));
    }
  }
  return Uint8Array.from(bytes);
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?=), adjacent words joined before decoding. */
export function decodeHeaderValue(value: string): string {
  const word = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
  let out = "";
  let last = 0;
  let pending: { charset: string; bytes: number[] } | null = null;
  const flush = () => {
    if (pending) out += decodeBytes(Uint8Array.from(pending.bytes), pending.charset);
    pending = null;
  };
  for (let match = word.exec(value); match; match = word.exec(value)) {
    const between = value.slice(last, match.index);
    // Whitespace between two encoded words is not part of the text.
    if (!(pending && /^\s*$/.test(between))) {
      flush();
      out += between;
    }
    const charset = (match[1] ?? "utf-8").split("*")[0] ?? "utf-8";
    const data = match[3] ?? "";
    const bytes = /b/i.test(match[2] ?? "") ? [...Buffer.from(data, "base64")] : [...quotedPrintableBytes(data, true)];
    const current = pending as { charset: string; bytes: number[] } | null;
    if (current && current.charset.toLowerCase() === charset.toLowerCase()) current.bytes.push(...bytes);
    else {
      flush();
      pending = { charset, bytes };
    }
    last = match.index + match[0].length;
  }
  flush();
  return out + value.slice(last);
}

function splitHeaders(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end < 0 ? raw : raw.slice(0, end);
  const body = end < 0 ? "" : raw.slice(end).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function parameter(header: string | undefined, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, "i").exec(header ?? "");
  return match ? (match[1] ?? match[2]) : undefined;
}

function decodeBody(body: string, headers: Map<string, string>): string {
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const charset = parameter(headers.get("content-type"), "charset");
  if (encoding === "base64") return decodeBytes(Buffer.from(body.replace(/\s+/g, ""), "base64"), charset);
  if (encoding === "quoted-printable") return decodeBytes(quotedPrintableBytes(body, false), charset);
  return body;
}

function walk(raw: string, found: { text: string | null; html: string | null }, depth: number): void {
  const { headers, body } = splitHeaders(raw);
  const type = (headers.get("content-type") ?? "text/plain").split(";")[0]?.trim().toLowerCase() ?? "text/plain";
  const boundary = parameter(headers.get("content-type"), "boundary");
  if (type.startsWith("multipart/") && boundary && depth < 5) {
    const parts = body.split(new RegExp(`^--${boundary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:--)?[ \\t]*\\r?$`, "m"));
    // The first piece is the preamble, the last the epilogue.
    for (const part of parts.slice(1, -1)) walk(part.replace(/^\r?\n/, "").replace(/\r?\n$/, ""), found, depth + 1);
    return;
  }
  if (type === "text/plain" && found.text === null) found.text = decodeBody(body, headers);
  else if (type === "text/html" && found.html === null) found.html = decodeBody(body, headers);
}

/** A message's headers (names in lower case, values decoded) and its plain-text and HTML bodies. */
export function parseEml(raw: string): ParsedMail {
  const { headers } = splitHeaders(raw);
  const decoded = new Map([...headers].map(([k, v]) => [k, decodeHeaderValue(v)]));
  const found = { text: null as string | null, html: null as string | null };
  walk(raw, found, 0);
  const normalise = (s: string | null) => (s === null ? null : s.replace(/\r\n/g, "\n"));
  return { headers: decoded, text: normalise(found.text), html: normalise(found.html) };
}
