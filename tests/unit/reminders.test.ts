import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { assignmentRules, courseCompletions, remindersSent, settings, users } from "~db/schema";
import { applyDemoSeed } from "~db/seed/demo";
import { type Catalogue, loadCatalogue } from "~/models/content/catalogue.server";
import { LessonCompiler } from "~/models/content/mdx.server";
import { syncEnrolments } from "~/models/enrolments.server";
import { createMailer, decodeHeaderValue, type Mailer, mailConfig, type OutgoingMail, parseEml } from "~/models/mailer.server";
import { outboxMessages, readOutboxMessage, sendDueReminders } from "~/models/reminders.server";
import { startReminderScheduler } from "~/server/reminder-scheduler.server";
import { closeDb } from "~/utils/db.server";
import { tempDatabase } from "../support/db";
import { tempDir } from "../support/temp";

const t = tempDatabase("reminders");
const outbox = path.join(path.dirname(t.file), "outbox");
// The app's own configuration: this database, no SMTP server, so mail goes to <data dir>/outbox.
vi.stubEnv("DATABASE_PATH", t.file);
vi.stubEnv("SMTP_URL", "");
vi.stubEnv("MAIL_FROM", "");
vi.stubEnv("PUBLIC_URL", "https://learn.juniper.example/");
vi.stubEnv("NODE_ENV", "production");
vi.stubEnv("CARELEARN_CACHE_DIR", path.resolve("tests/.tmp/cache"));

const DAY1 = new Date("2026-11-25T08:00:00Z");
const DAY1_LATER = new Date("2026-11-25T20:00:00Z");
const DAY2 = new Date("2026-11-26T08:00:00Z");

const CORE = "everyone-is-a-customer-care-agent";
const DRIVERS = "care-at-the-door";
const CLINIC = "care-in-the-clinic";

let catalogue: Catalogue;
let drivers: Array<{ id: number; email: string }>;
let finisher: { id: number; email: string };
let tom: { id: number; email: string };

/** Mail that goes nowhere but a list; fails for the addresses in `failFor`. */
function recorder(failFor = new Set<string>()): Mailer & { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return {
    kind: "smtp",
    sent,
    async send(mail) {
      if (failFor.has(mail.to.address)) throw new Error("550 mailbox unavailable");
      sent.push(mail);
      return { messageId: `<${sent.length}@test>`, via: "smtp" };
    },
    close() {},
  };
}

const emlFiles = () => (fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((f) => f.endsWith(".eml")) : []);
const reminderRows = (day: string) => t.db.select().from(remindersSent).where(eq(remindersSent.sentOn, day)).all();
const quiet = { log: () => {}, error: () => {} };

beforeAll(async () => {
  catalogue = await loadCatalogue("courses", new LessonCompiler(path.resolve("tests/.tmp/cache/mdx")));
  expect(catalogue.errors).toEqual([]);
  // Everyone joined long before the rules start, so every clock starts on the rule's day.
  await applyDemoSeed(t.db, "2026-01-01");
  const made = new Date("2026-11-01T09:00:00Z");
  t.db
    .insert(assignmentRules)
    .values([
      // Due 21 Nov: overdue on the 25th.
      { targetKind: "job_role", targetJobRole: "delivery-driver", courseSlug: DRIVERS, dueDays: 20, startsOn: "2026-11-01", createdAt: made },
      // Due 1 Dec: due soon (within 14 days) on the 25th.
      { targetKind: "job_role", targetJobRole: "delivery-driver", courseSlug: CORE, dueDays: 30, startsOn: "2026-11-01", createdAt: made },
      // Due 31 Dec: not yet worth a reminder.
      { targetKind: "job_role", targetJobRole: "doctor", courseSlug: CLINIC, dueDays: 60, startsOn: "2026-11-01", createdAt: made },
    ])
    .run();
  expect(syncEnrolments(t.db, "2026-11-01", made).created).toBeGreaterThan(10);

  drivers = t.db.select({ id: users.id, email: users.email }).from(users).where(eq(users.jobRole, "delivery-driver")).all();
  expect(drivers.length).toBeGreaterThan(5);
  tom = drivers.find((d) => d.email === "driver@carelearn.test")!;
  finisher = drivers.find((d) => d !== tom)!;
  // Tom finished the drivers' course; another driver finished both: nothing to remind them of.
  const completions = [
    { userId: tom.id, courseSlug: DRIVERS, code: "CL-TOM1-AAAA" },
    { userId: finisher.id, courseSlug: DRIVERS, code: "CL-FIN1-AAAA" },
    { userId: finisher.id, courseSlug: CORE, code: "CL-FIN2-AAAA" },
  ];
  for (const c of completions) {
    t.db
      .insert(courseCompletions)
      .values({ userId: c.userId, courseSlug: c.courseSlug, courseVersion: "v", score: 90, completedAt: new Date("2026-11-10T10:00:00Z"), certificateCode: c.code })
      .run();
  }
  // A name full of markup, to check the HTML body escapes it.
  t.db.update(users).set({ name: "Tom <b>Okello</b> & Sons" }).where(eq(users.id, tom.id)).run();
});

afterAll(() => {
  closeDb();
  t.close();
  vi.unstubAllEnvs();
});

describe("the daily reminder run", () => {
  let firstRunSent = 0;

  it("emails one digest to each person with due-soon or overdue courses, into the outbox when SMTP is not configured", async () => {
    const run = await sendDueReminders(t.db, catalogue, DAY1);
    expect(run.via).toBe("outbox");
    expect(run.day).toBe("2026-11-25");
    expect(run.failed).toBe(0);
    expect(run.skipped).toBe(0);
    // Every driver but the one who finished both courses; no doctor (due in five weeks).
    const expected = drivers.filter((d) => d !== finisher).map((d) => d.email);
    expect(run.sent).toBe(expected.length);
    expect(run.outcomes.map((o) => o.email).sort()).toEqual([...expected].sort());
    expect(run.outcomes.every((o) => o.status === "sent" && o.file)).toBe(true);
    // Tom completed the drivers' course: only the core course is due.
    expect(run.outcomes.find((o) => o.userId === tom.id)?.courses).toEqual([CORE]);
    for (const o of run.outcomes.filter((o) => o.userId !== tom.id)) expect([...o.courses].sort()).toEqual([DRIVERS, CORE].sort());
    firstRunSent = run.sent;

    // One .eml per message, written atomically: no temporary files left behind.
    expect(emlFiles()).toHaveLength(run.sent);
    expect(fs.readdirSync(outbox).filter((f) => !f.endsWith(".eml"))).toEqual([]);
    const rows = reminderRows("2026-11-25");
    expect(rows).toHaveLength(run.sent);
    expect(rows.find((r) => r.userId === tom.id)?.courses).toEqual([CORE]);
  });

  it("writes a friendly message naming each course, its due date, whether it is overdue, and links from PUBLIC_URL", async () => {
    const otherDriver = drivers.find((d) => d !== tom && d !== finisher)!;
    const files = emlFiles();
    const read = (userId: number) => parseEml(fs.readFileSync(path.join(outbox, files.find((f) => f.endsWith(`-user-${userId}.eml`))!), "utf8"));

    const both = read(otherDriver.id);
    expect(both.headers.get("from")).toContain("no-reply@carelearn.local");
    expect(both.headers.get("from")).toContain("CareLearn");
    expect(both.headers.get("to")).toContain(otherDriver.email);
    expect(both.headers.get("subject")).toBe("CareLearn reminder: 1 course overdue, 1 due soon");
    expect(both.headers.get("x-carelearn-reminder")).toBe("2026-11-25");
    expect(both.headers.get("auto-submitted")).toBe("auto-generated");
    const text = both.text!;
    const driversTitle = catalogue.courseBySlug.get(DRIVERS)!.meta.title;
    const coreTitle = catalogue.courseBySlug.get(CORE)!.meta.title;
    expect(text).toContain(driversTitle);
    expect(text).toContain(coreTitle);
    expect(text).toContain("OVERDUE: was due on 21 Nov 2026 (4 days ago)");
    expect(text).toContain("due on 1 Dec 2026 (in 6 days)");
    // Overdue first.
    expect(text.indexOf(driversTitle)).toBeLessThan(text.indexOf(coreTitle));
    expect(text).toContain(`https://learn.juniper.example/courses/${DRIVERS}`);
    expect(text).toContain(`https://learn.juniper.example/courses/${CORE}`);
    expect(text).not.toContain("example//courses");
    expect(both.html).toContain(`href="https://learn.juniper.example/courses/${CORE}"`);

    const tomMail = read(tom.id);
    expect(tomMail.headers.get("to")).toContain("driver@carelearn.test");
    expect(tomMail.headers.get("subject")).toBe(`CareLearn reminder: "${coreTitle}" is due on 1 Dec 2026`);
    // The completed course is not mentioned.
    expect(tomMail.text).not.toContain(driversTitle);
    expect(tomMail.text).toContain("Hello Tom <b>Okello</b> & Sons,");
    expect(tomMail.html).toContain("Hello Tom &lt;b&gt;Okello&lt;/b&gt; &amp; Sons,");
    expect(tomMail.html).not.toContain("<b>Okello");
  });

  it("sends nothing to anyone a second time the same day", async () => {
    const run = await sendDueReminders(t.db, catalogue, DAY1_LATER);
    expect(run.sent).toBe(0);
    expect(run.skipped).toBe(firstRunSent);
    expect(run.outcomes.every((o) => o.status === "skipped")).toBe(true);
    expect(emlFiles()).toHaveLength(firstRunSent);
    expect(reminderRows("2026-11-25")).toHaveLength(firstRunSent);
  });

  it("reminds again the next day", async () => {
    const run = await sendDueReminders(t.db, catalogue, DAY2);
    expect(run.sent).toBe(firstRunSent);
    expect(run.skipped).toBe(0);
    expect(emlFiles()).toHaveLength(firstRunSent * 2);
    expect(reminderRows("2026-11-26")).toHaveLength(firstRunSent);
  });

  it("stops reminding about a course once it is completed", async () => {
    const day = new Date("2026-11-27T08:00:00Z");
    const other = drivers.find((d) => d !== tom && d !== finisher)!;
    t.db.insert(courseCompletions).values({ userId: other.id, courseSlug: DRIVERS, courseVersion: "v", score: 80, completedAt: new Date("2026-11-26T12:00:00Z"), certificateCode: "CL-OTH1-AAAA" }).run();
    t.db.insert(courseCompletions).values({ userId: tom.id, courseSlug: CORE, courseVersion: "v", score: 80, completedAt: new Date("2026-11-26T12:00:00Z"), certificateCode: "CL-TOM2-AAAA" }).run();
    const mailer = recorder();
    const run = await sendDueReminders(t.db, catalogue, day, { mailer });
    expect(run.outcomes.find((o) => o.userId === other.id)?.courses).toEqual([CORE]);
    // Tom has finished everything assigned to him.
    expect(run.outcomes.some((o) => o.userId === tom.id)).toBe(false);
    expect(mailer.sent.some((m) => m.to.address === tom.email)).toBe(false);
    expect(run.sent).toBe(firstRunSent - 1);
    expect(mailer.sent.find((m) => m.to.address === other.email)?.text).not.toContain(catalogue.courseBySlug.get(DRIVERS)!.meta.title);
  });

  it("releases the day's claim when sending fails, so a later run retries that person only", async () => {
    const day = new Date("2026-11-28T08:00:00Z");
    const unlucky = drivers.find((d) => d !== tom && d !== finisher)!;
    const failing = recorder(new Set([unlucky.email]));
    const first = await sendDueReminders(t.db, catalogue, day, { mailer: failing });
    expect(first.failed).toBe(1);
    expect(first.outcomes.find((o) => o.userId === unlucky.id)).toMatchObject({ status: "failed", error: "550 mailbox unavailable" });
    expect(reminderRows("2026-11-28").some((r) => r.userId === unlucky.id)).toBe(false);

    const working = recorder();
    const retry = await sendDueReminders(t.db, catalogue, new Date("2026-11-28T09:00:00Z"), { mailer: working });
    expect(retry.sent).toBe(1);
    expect(retry.skipped).toBe(first.sent);
    expect(working.sent.map((m) => m.to.address)).toEqual([unlucky.email]);
  });
});

describe("the outbox", () => {
  it("lists messages newest first with subject, recipient and date", () => {
    const { total, messages } = outboxMessages();
    expect(total).toBe(emlFiles().length);
    expect(messages).toHaveLength(total);
    expect(messages[0]!.date).toBe(DAY2.toISOString());
    expect(messages.at(-1)!.date).toBe(DAY1.toISOString());
    const dates = messages.map((m) => m.date!);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(messages.every((m) => m.subject.startsWith("CareLearn reminder:") && /@carelearn\.test/.test(m.to))).toBe(true);
    expect(outboxMessages({ limit: 3 })).toMatchObject({ total, messages: expect.any(Array) });
    expect(outboxMessages({ limit: 3 }).messages.map((m) => m.file)).toEqual(messages.slice(0, 3).map((m) => m.file));
  });

  it("reads one message by its file name, and refuses anything that is not an outbox file name", () => {
    const { messages } = outboxMessages();
    const tomFile = messages.find((m) => m.file.endsWith(`-user-${tom.id}.eml`))!;
    const message = readOutboxMessage(tomFile.file)!;
    expect(message.to).toContain("driver@carelearn.test");
    expect(message.from).toContain("no-reply@carelearn.local");
    expect(message.text).toContain(catalogue.courseBySlug.get(CORE)!.meta.title);

    fs.writeFileSync(path.join(path.dirname(t.file), "secret.eml"), "Subject: secret\n\nno");
    for (const name of ["", "../test.db", "../secret.eml", "secret.eml", `../outbox/${tomFile.file}`, `${tomFile.file}/`, tomFile.file.replace(".eml", ".txt"), "20261125T080000.000Z-user-999999.eml"]) {
      expect(readOutboxMessage(name), name).toBeNull();
    }
  });

  it("survives what real mail contains: encoded headers, quoted-printable and non-ASCII text", async () => {
    const dir = tempDir("outbox");
    const mailer = createMailer({ config: { smtpUrl: undefined, from: "CareLearn <no-reply@carelearn.local>", publicUrl: "http://x" }, outbox: dir });
    const text = `Hej Zoë Ångström — ${"a long line that nodemailer will have to wrap ".repeat(8)}\nÉtape 2 = done`;
    const delivery = await mailer.send({ to: { name: "Zoë Ångström", address: "zoe@example.org" }, subject: "Förfallen kurs: “Care at the door” — påminnelse", text, html: "<p>x</p>", userId: 7 });
    mailer.close();
    expect(delivery.file).toMatch(/-user-7\.eml$/);
    const message = readOutboxMessage(delivery.file!, { dir })!;
    expect(message.subject).toBe("Förfallen kurs: “Care at the door” — påminnelse");
    expect(message.to).toContain("Zoë Ångström");
    expect(message.text).toBe(text);
    // Same stamp and user: a second file, never an overwrite.
    const date = new Date("2026-11-25T08:00:00Z");
    const a = await createMailer({ config: mailConfig({}), outbox: dir }).send({ to: { name: "A", address: "a@example.org" }, subject: "one", text: "1", html: "1", userId: 3, date });
    const b = await createMailer({ config: mailConfig({}), outbox: dir }).send({ to: { name: "A", address: "a@example.org" }, subject: "two", text: "2", html: "2", userId: 3, date });
    expect(a.file).not.toBe(b.file);
    expect(readOutboxMessage(b.file!, { dir })?.subject).toBe("two");
    fs.rmSync(dir, { recursive: true, force: true });
    expect(decodeHeaderValue("=?UTF-8?Q?Caf=C3=A9?= =?UTF-8?B?IGF1IGxhaXQ=?= ok")).toBe("Café au lait ok");
  });
});

describe("mail configuration", () => {
  it("defaults the sender and public address, treats blanks as unset, and refuses bad values by name", () => {
    expect(mailConfig({})).toEqual({ smtpUrl: undefined, from: "CareLearn <no-reply@carelearn.local>", publicUrl: "http://localhost:3000" });
    expect(mailConfig({ SMTP_URL: " ", MAIL_FROM: "", PUBLIC_URL: "" }).smtpUrl).toBeUndefined();
    expect(mailConfig({ SMTP_URL: "smtp://127.0.0.1:2525", MAIL_FROM: "HR <hr@juniper.example>", PUBLIC_URL: "https://learn.example/" })).toEqual({
      smtpUrl: "smtp://127.0.0.1:2525",
      from: "HR <hr@juniper.example>",
      publicUrl: "https://learn.example",
    });
    expect(() => mailConfig({ SMTP_URL: "http://mail.example" })).toThrow(/SMTP_URL/);
    expect(() => mailConfig({ PUBLIC_URL: "javascript:alert(1)" })).toThrow(/PUBLIC_URL/);
    expect(() => mailConfig({ MAIL_FROM: "nobody" })).toThrow(/MAIL_FROM/);
  });
});

describe("the reminder scheduler", () => {
  const lastRun = () => t.db.select().from(settings).where(eq(settings.key, "reminders_last_run")).get()?.value;

  it("runs once per calendar day, remembering the day in settings", async () => {
    const clock = { now: new Date("2026-11-29T07:00:00Z") };
    const mailer = recorder();
    // runNow starts a check at once; a check asked for meanwhile joins it rather than running twice.
    const scheduler = startReminderScheduler({ runNow: true, clock: () => clock.now, mailer, log: quiet });
    const run = await scheduler.check();
    expect(run?.sent).toBe(firstRunSentByNow());
    expect(lastRun()).toBe("2026-11-29");
    const count = mailer.sent.length;

    clock.now = new Date("2026-11-29T08:00:00Z");
    expect(await scheduler.check()).toBeNull();
    expect(mailer.sent).toHaveLength(count);

    clock.now = new Date("2026-11-30T07:00:00Z");
    expect((await scheduler.check())?.sent).toBe(count);
    expect(lastRun()).toBe("2026-11-30");
    scheduler.stop();
  });

  it("leaves a day with failures open, so the next hourly check retries", async () => {
    const everyone = new Set(drivers.map((d) => d.email));
    const errors: string[] = [];
    const day = () => new Date("2026-12-01T07:00:00Z");
    const failing = startReminderScheduler({ clock: day, mailer: recorder(everyone), log: { log: () => {}, error: (m: string) => errors.push(m) } });
    const failed = await failing.check();
    failing.stop();
    expect(failed?.failed).toBeGreaterThan(0);
    expect(failed?.sent).toBe(0);
    expect(lastRun()).toBe("2026-11-30");
    expect(errors.some((e) => e.includes("550 mailbox unavailable"))).toBe(true);

    const working = recorder();
    const retrying = startReminderScheduler({ clock: day, mailer: working, log: quiet });
    expect((await retrying.check())?.sent).toBe(failed?.failed);
    expect(lastRun()).toBe("2026-12-01");
    retrying.stop();
  });

  it("logs and carries on when the check itself breaks", async () => {
    const errors: string[] = [];
    const scheduler = startReminderScheduler({ clock: () => new Date(Number.NaN), log: { log: () => {}, error: (m: string) => errors.push(m) } });
    await expect(scheduler.check()).resolves.toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/reminder check failed/);
    scheduler.stop();
  });
});

/** Drivers with something still due after the completions above: everyone but the finisher and Tom. */
function firstRunSentByNow(): number {
  return drivers.length - 2;
}
