import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignmentRules, courseCompletions, users } from "~db/schema";
import { applyDemoSeed } from "~db/seed/demo";
import { syncEnrolments } from "~/models/enrolments.server";
import { parseEml } from "~/models/mailer.server";
import { addDays, formatDate as formatDay, todayIso } from "~/utils/dates";
import { type DbHandle, openDatabase } from "~/utils/db.server";
import { runCli } from "../support/cli";
import { Client } from "../support/http";
import { startServer, type TestServer } from "../support/server";
import { count } from "../support/sql";
import { tempDir } from "../support/temp";

const CORE = "everyone-is-a-customer-care-agent";
const DRIVERS = "care-at-the-door";
const CORE_TITLE = "Everyone is a customer-care agent";
const DRIVERS_TITLE = "Care at the door: drivers and field staff";
const CACHE = path.resolve("tests/.tmp/cache");

/**
 * Assigns the drivers' course (overdue by five days) and the core course (due in five days) to
 * every delivery driver, and the clinic course (due in four months) to the doctors, as HR would
 * today with rules that started a month ago. Tom has finished the drivers' course.
 */
function assignCourses(db: DbHandle): void {
  const today = todayIso();
  const startsOn = addDays(today, -30);
  db.insert(assignmentRules)
    .values([
      { targetKind: "job_role", targetJobRole: "delivery-driver", courseSlug: DRIVERS, dueDays: 25, startsOn },
      { targetKind: "job_role", targetJobRole: "delivery-driver", courseSlug: CORE, dueDays: 35, startsOn },
      { targetKind: "job_role", targetJobRole: "doctor", courseSlug: "care-in-the-clinic", dueDays: 150, startsOn },
    ])
    .run();
  syncEnrolments(db);
  const tom = db.select({ id: users.id }).from(users).where(eq(users.email, "driver@carelearn.test")).get()!;
  db.insert(courseCompletions).values({ userId: tom.id, courseSlug: DRIVERS, courseVersion: "v", score: 95, completedAt: new Date(), certificateCode: "CL-REMI-ND01" }).run();
}

type Received = { from: string; to: string[]; raw: string };

describe("npm run reminders, through a real SMTP server", () => {
  const dir = tempDir("reminders-smtp");
  const dbPath = path.join(dir, "carelearn.db");
  const received: Received[] = [];
  const refuse = new Set<string>();
  let smtp: SMTPServer;
  let port = 0;
  let drivers: string[] = [];

  beforeAll(async () => {
    const db = openDatabase(dbPath);
    // Everyone joined well before the rules began.
    await applyDemoSeed(db, addDays(todayIso(), -60));
    assignCourses(db);
    drivers = db.select({ email: users.email }).from(users).where(eq(users.jobRole, "delivery-driver")).all().map((u) => u.email).sort();
    db.$client.close();

    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onRcptTo(address, _session, callback) {
        callback(refuse.has(address.address) ? Object.assign(new Error("550 Mailbox unavailable"), { responseCode: 550 }) : null);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    port = (smtp.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = () =>
    runCli("reminders", [], {
      DATABASE_PATH: dbPath,
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: "Juniper Learning <learning@juniper.example>",
      PUBLIC_URL: "https://learn.juniper.example",
      CARELEARN_CACHE_DIR: CACHE,
      NODE_ENV: "production",
    });

  it("sends one digest per person; one the server refuses fails, is not recorded, and is retried by the next run", async () => {
    refuse.add("driver@carelearn.test");
    const first = await run();
    expect(first.code, first.output).toBe(1);
    expect(first.output).toMatch(/FAILED\s+driver@carelearn\.test/);
    expect(first.output).toContain(`${drivers.length - 1} sent through the SMTP server, 0 already sent today, 1 failed`);
    expect(received.map((m) => m.to).flat().sort()).toEqual(drivers.filter((d) => d !== "driver@carelearn.test"));
    expect(count(dbPath, "select count(*) n from reminders_sent where user_id = (select id from users where email = 'driver@carelearn.test')")).toBe(0);

    refuse.clear();
    const retry = await run();
    expect(retry.code, retry.output).toBe(0);
    expect(retry.output).toContain(`1 sent through the SMTP server, ${drivers.length - 1} already sent today, 0 failed`);
    expect(received).toHaveLength(drivers.length);
    expect(received.at(-1)?.to).toEqual(["driver@carelearn.test"]);
    // Nothing is kept locally when SMTP is configured.
    expect(fs.existsSync(path.join(dir, "outbox"))).toBe(false);
  });

  it("writes messages naming each course, its due date and whether it is overdue, from MAIL_FROM with links from PUBLIC_URL", () => {
    // Every driver had something due; no doctor did (their course is months away).
    expect(received.map((m) => m.to).flat().sort()).toEqual(drivers);
    for (const message of received) {
      expect(message.from).toBe("learning@juniper.example");
      const mail = parseEml(message.raw);
      expect(mail.headers.get("from")).toBe("Juniper Learning <learning@juniper.example>");
      expect(mail.headers.get("to")).toContain(message.to[0]);
      expect(mail.headers.get("subject")).toMatch(/^CareLearn reminder: /);
      expect(mail.text).toContain(CORE_TITLE);
      expect(mail.text).toContain(`https://learn.juniper.example/courses/${CORE}`);
      expect(mail.html).toContain(`href="https://learn.juniper.example/courses/${CORE}"`);
      if (message.to[0] === "driver@carelearn.test") {
        // Tom finished the drivers' course: only the core course is due.
        expect(mail.headers.get("subject")).toBe(`CareLearn reminder: "${CORE_TITLE}" is due on ${formatDay(addDays(todayIso(), 5))}`);
        expect(mail.text).not.toContain(DRIVERS_TITLE);
        expect(mail.text).not.toContain("OVERDUE");
      } else {
        expect(mail.headers.get("subject")).toBe("CareLearn reminder: 1 course overdue, 1 due soon");
        expect(mail.text).toContain(DRIVERS_TITLE);
        expect(mail.text).toContain(`OVERDUE: was due on ${formatDay(addDays(todayIso(), -5))} (5 days ago)`);
        expect(mail.text).toContain(`due on ${formatDay(addDays(todayIso(), 5))} (in 5 days)`);
      }
    }
  });

  it("sends nothing more the same day", async () => {
    const again = await run();
    expect(again.code, again.output).toBe(0);
    expect(again.output).toContain(`0 sent through the SMTP server, ${drivers.length} already sent today, 0 failed`);
    expect(received).toHaveLength(drivers.length);
  });
});

describe("the outbox at /hr/outbox, without SMTP", () => {
  let server: TestServer;
  const hr = () => signedIn("hr@carelearn.test");
  const learner = () => signedIn("driver@carelearn.test");
  async function signedIn(email: string): Promise<Client> {
    const client = new Client(server.url);
    await client.signIn(email);
    return client;
  }

  beforeAll(async () => {
    server = await startServer({ env: { SMTP_URL: "" } });
    const db = openDatabase(server.dbPath);
    assignCourses(db);
    // Markup in a name must reach the page as text.
    db.update(users).set({ name: "Tom <img src=x onerror=alert(1)> Okello" }).where(eq(users.email, "driver@carelearn.test")).run();
    db.$client.close();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("keeps what would have been sent as .eml files, and shows them to HR only", async () => {
    const before = await (await hr()).get("/hr/outbox");
    expect(before.status).toBe(200);
    expect(await before.text()).toContain("The outbox is empty");

    const result = await runCli("reminders", [], { DATABASE_PATH: server.dbPath, SMTP_URL: "", CARELEARN_CACHE_DIR: CACHE, NODE_ENV: "production" });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/sent to the outbox/);
    const files = fs.readdirSync(path.join(server.dir, "outbox"));
    expect(files.length).toBeGreaterThan(5);
    expect(files.every((f) => /^\d{8}T\d{6}\.\d{3}Z-user-\d+\.eml$/.test(f))).toBe(true);

    const client = await hr();
    const list = await client.get("/hr/outbox");
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain("No SMTP server is configured");
    expect(html).toContain("CareLearn reminder: 1 course overdue, 1 due soon");
    expect(html).toContain(`${files.length} messages, newest first`);

    const tomFile = files.find((f) => f.endsWith(`-user-${userId(server.dbPath, "driver@carelearn.test")}.eml`))!;
    const page = await client.get(`/hr/outbox/${tomFile}`);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain(CORE_TITLE);
    expect(body).toContain("driver@carelearn.test");
    expect(body).toContain("Hello Tom &lt;img src=x onerror=alert(1)&gt; Okello,");
    expect(body).not.toContain("<img src=x");

    expect((await client.get("/hr/outbox/20200101T000000.000Z-user-1.eml")).status).toBe(404);
    expect((await client.get("/hr/outbox/..%2Fcarelearn.db")).status).toBe(404);
    expect((await client.get("/hr/outbox/%2E%2E%2F%2E%2E%2Fpackage.json")).status).toBe(404);

    const driver = await learner();
    expect((await driver.get("/hr/outbox")).status).toBe(403);
    expect((await driver.get(`/hr/outbox/${tomFile}`)).status).toBe(403);
    const anonymous = await new Client(server.url).get("/hr/outbox");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toContain("/login");
  });
});

function userId(dbPath: string, email: string): number {
  return count(dbPath, "select id n from users where email = ?", email);
}
