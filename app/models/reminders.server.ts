import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { remindersSent } from "~db/schema";
import { DAY_MS, formatDate, todayIso } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { escapeHtml, wrap } from "./email-text.server";
import { type ReminderDigest, reminderDigests } from "./assignments.server";
import type { Catalogue } from "./content/catalogue.server";
import { createMailer, type MailConfig, type Mailer, mailConfig, OUTBOX_FILE_NAME, outboxDir, parseEml } from "./mailer.server";

export type ReminderOutcome = {
  userId: number;
  email: string;
  courses: string[];
  status: "sent" | "skipped" | "failed";
  /** The outbox file, when written there. */
  file?: string;
  error?: string;
};

export type ReminderRun = { day: string; via: Mailer["kind"]; sent: number; skipped: number; failed: number; outcomes: ReminderOutcome[] };

export type ReminderEmail = { subject: string; text: string; html: string };


function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** "today", "tomorrow", "in 5 days", "yesterday", "3 days ago": from the reminder's day to the due date. */
function relativeDay(dueOn: string, today: string): string {
  const days = Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "yesterday";
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** The subject line: the course when there is one, otherwise how many, overdue ones first. */
function subjectFor(items: ReminderDigest["items"]): string {
  const only = items.length === 1 ? items[0] : undefined;
  if (only) return `CareLearn reminder: "${only.title}" ${only.status === "overdue" ? "is overdue" : `is due on ${formatDate(only.dueOn)}`}`;
  const overdue = items.filter((i) => i.status === "overdue").length;
  const dueSoon = items.length - overdue;
  const parts = [overdue > 0 ? `${plural(overdue, "course")} overdue` : "", dueSoon > 0 ? `${overdue > 0 ? dueSoon : plural(dueSoon, "course")} due soon` : ""];
  return `CareLearn reminder: ${parts.filter(Boolean).join(", ")}`;
}

/** The daily digest for one person: a friendly plain-text body and the same in simple HTML. */
export function reminderEmail(digest: ReminderDigest, today: string, publicUrl: string): ReminderEmail {
  const items = [...digest.items].sort((a, b) => (a.status === b.status ? a.dueOn.localeCompare(b.dueOn) : a.status === "overdue" ? -1 : 1));
  const overdue = items.filter((i) => i.status === "overdue");
  const link = (slug: string) => `${publicUrl}/courses/${encodeURIComponent(slug)}`;
  const line = (item: (typeof items)[number]) =>
    item.status === "overdue"
      ? `OVERDUE: was due on ${formatDate(item.dueOn)} (${relativeDay(item.dueOn, today)})`
      : `due on ${formatDate(item.dueOn)} (${relativeDay(item.dueOn, today)})`;

  const text = [
    `Hello ${digest.name},`,
    "",
    wrap(
      `A friendly reminder from CareLearn: some of the courses assigned to you are ${overdue.length > 0 ? "overdue or due soon" : "due soon"}. A few minutes today is enough to make a start.`,
    ),
    "",
    ...items.flatMap((item) => [`* ${item.title}`, `  ${line(item)}`, `  ${link(item.courseSlug)}`, ""]),
    `All your courses: ${publicUrl}/courses`,
    "",
    "Thank you for looking after our customers.",
    "The CareLearn team",
    "",
    "-- ",
    wrap("You receive this because these courses were assigned to you. CareLearn sends at most one reminder a day."),
    "",
  ].join("\n");

  const htmlItem = (item: (typeof items)[number]) =>
    `<li><a href="${escapeHtml(link(item.courseSlug))}">${escapeHtml(item.title)}</a><br>` +
    (item.status === "overdue"
      ? `<strong style="color:#b91c1c">Overdue</strong>: was due on ${escapeHtml(formatDate(item.dueOn))} (${relativeDay(item.dueOn, today)})`
      : `Due on ${escapeHtml(formatDate(item.dueOn))} (${relativeDay(item.dueOn, today)})`) +
    `</li>`;
  const html = [
    `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2937">`,
    `<p>Hello ${escapeHtml(digest.name)},</p>`,
    `<p>A friendly reminder from CareLearn: some of the courses assigned to you are ${overdue.length > 0 ? "overdue or due soon" : "due soon"}. A few minutes today is enough to make a start.</p>`,
    `<ul>${items.map(htmlItem).join("")}</ul>`,
    `<p><a href="${escapeHtml(publicUrl)}/courses">All your courses</a></p>`,
    `<p>Thank you for looking after our customers.<br>The CareLearn team</p>`,
    `<p style="color:#6b7280;font-size:0.85em">You receive this because these courses were assigned to you. CareLearn sends at most one reminder a day.</p>`,
    `</body></html>`,
  ].join("\n");

  return { subject: subjectFor(items), text, html };
}

/**
 * The daily reminder run: one digest per person with due-soon or overdue assigned courses.
 * Each person's row in reminders_sent for the day is claimed (insert-or-ignore) before sending,
 * so a second run the same day, or a run in another process, sends that person nothing; when
 * sending fails the claim is released, so a later run tries again.
 */
export async function sendDueReminders(
  db: Db,
  catalogue: Catalogue,
  now = new Date(),
  options: { mailer?: Mailer; config?: MailConfig } = {},
): Promise<ReminderRun> {
  const config = options.config ?? mailConfig();
  const mailer = options.mailer ?? createMailer({ config });
  const day = todayIso(now);
  const run: ReminderRun = { day, via: mailer.kind, sent: 0, skipped: 0, failed: 0, outcomes: [] };
  try {
    for (const digest of reminderDigests(db, catalogue, now)) {
      const courses = digest.items.map((i) => i.courseSlug);
      const outcome: ReminderOutcome = { userId: digest.userId, email: digest.email, courses, status: "skipped" };
      run.outcomes.push(outcome);
      const claim = db.insert(remindersSent).values({ userId: digest.userId, sentOn: day, courses, createdAt: now }).onConflictDoNothing().run();
      if (claim.changes === 0) {
        run.skipped += 1;
        continue;
      }
      const claimId = Number(claim.lastInsertRowid);
      try {
        const email = reminderEmail(digest, day, config.publicUrl);
        const delivery = await mailer.send({
          to: { name: digest.name, address: digest.email },
          ...email,
          date: now,
          userId: digest.userId,
          headers: { "Auto-Submitted": "auto-generated", "X-CareLearn-Reminder": day },
        });
        outcome.status = "sent";
        if (delivery.file) outcome.file = delivery.file;
        run.sent += 1;
      } catch (error) {
        db.delete(remindersSent).where(eq(remindersSent.id, claimId)).run();
        outcome.status = "failed";
        outcome.error = error instanceof Error ? error.message : String(error);
        run.failed += 1;
      }
    }
  } finally {
    if (!options.mailer) mailer.close();
  }
  return run;
}

// The outbox: what was "sent" without an SMTP server.

export type OutboxSummary = { file: string; subject: string; to: string; date: string | null };
export type OutboxMessage = OutboxSummary & { from: string; text: string };

const HEADER_BYTES = 64 * 1024;
const MESSAGE_BYTES = 2 * 1024 * 1024;

function outboxFiles(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  // Names start with a UTC timestamp, so the name order is the time order.
  return names.filter((n) => OUTBOX_FILE_NAME.test(n)).sort((a, b) => b.localeCompare(a));
}

function readStart(file: string, bytes: number): string {
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const read = fs.readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read).toString("utf8");
  } finally {
    fs.closeSync(fd);
  }
}

function isoDate(header: string | undefined): string | null {
  const time = header ? Date.parse(header) : NaN;
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function summary(file: string, headers: Map<string, string>): OutboxSummary {
  return { file, subject: headers.get("subject") ?? "(no subject)", to: headers.get("to") ?? "", date: isoDate(headers.get("date")) };
}

/** Messages in the outbox, newest first: the most recent `limit`, and how many there are in all. */
export function outboxMessages(options: { limit?: number; dir?: string } = {}): { total: number; messages: OutboxSummary[] } {
  const dir = options.dir ?? outboxDir();
  const files = outboxFiles(dir);
  const messages: OutboxSummary[] = [];
  for (const file of files.slice(0, options.limit ?? 200)) {
    try {
      const raw = readStart(path.join(dir, file), HEADER_BYTES);
      const { headers } = parseEml(raw.slice(0, raw.search(/\r?\n\r?\n/) + 1 || raw.length));
      messages.push(summary(file, headers));
    } catch {
      // Removed between listing and reading: leave it out.
    }
  }
  return { total: files.length, messages };
}

/** One outbox message by file name, or null. Only names CareLearn writes are accepted: no paths. */
export function readOutboxMessage(name: string, options: { dir?: string } = {}): OutboxMessage | null {
  if (!OUTBOX_FILE_NAME.test(name) || name !== path.basename(name)) return null;
  const dir = path.resolve(options.dir ?? outboxDir());
  const file = path.join(dir, name);
  if (path.dirname(file) !== dir) return null;
  let raw: string;
  try {
    const stat = fs.lstatSync(file);
    if (!stat.isFile()) return null;
    raw = readStart(file, Math.min(stat.size, MESSAGE_BYTES));
  } catch {
    return null;
  }
  const parsed = parseEml(raw);
  return { ...summary(name, parsed.headers), from: parsed.headers.get("from") ?? "", text: parsed.text ?? "(This message has no plain-text part.)" };
}
