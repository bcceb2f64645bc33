import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../support/http";
import { startServer, type TestServer } from "../support/server";
import { count, withDb } from "../support/sql";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { SMTP_URL: "", PUBLIC_URL: "https://learn.example" } });
  // Three people HR added or imported: no password, so they cannot sign in.
  withDb(server.dbPath, (db) => {
    const add = db.prepare("insert into users (email, name, job_role, joined_on) values (?, ?, 'delivery-driver', '2026-11-01')");
    add.run("new.one@carelearn.test", "Nia One");
    add.run("new.two@carelearn.test", "Nick Two");
    add.run("new.three@carelearn.test", "Nora Three");
  });
});
afterAll(async () => {
  await server?.stop();
});

async function as(email: string, password = "carelearn") {
  const client = new Client(server.url);
  await client.signIn(email, password);
  return client;
}
const idOf = (email: string) => withDb(server.dbPath, (db) => (db.prepare("select id from users where email = ?").get(email) as { id: number }).id);
const outbox = () => (fs.existsSync(path.join(server.dir, "outbox")) ? fs.readdirSync(path.join(server.dir, "outbox")).sort() : []);
/** The link in the newest email to a person, as a path on the test server. */
function linkSentTo(email: string): string {
  const file = outbox()
    .filter((f) => f.endsWith(`-user-${idOf(email)}.eml`))
    .at(-1);
  if (!file) throw new Error(`no email to ${email}`);
  const raw = fs.readFileSync(path.join(server.dir, "outbox", file), "utf8").replace(/=\r?\n/g, "");
  const match = /https:\/\/learn\.example(\/set-password\/[A-Za-z0-9_-]+)/.exec(raw);
  if (!match?.[1]) throw new Error(`no link in ${file}`);
  return match[1];
}
const text = async (response: Response) => (await response.text()).replace(/<!-- -->/g, "");
const password = "a quiet harbour at dawn";

describe("an invitation", () => {
  it("lets someone HR added choose a password once, signs them in, and then works no more", async () => {
    const hr = await as("hr@carelearn.test");
    const nia = idOf("new.one@carelearn.test");
    expect(await text(await hr.get(`/hr/people/${nia}`))).toContain("Cannot sign in yet: no password chosen.");
    const sent = await hr.post(`/hr/people/${nia}`, { intent: "invite" });
    expect(sent.status).toBe(302);
    expect(sent.headers.get("location")).toBe(`/hr/people/${nia}?invited=1`);
    expect(await text(await hr.get(`/hr/people/${nia}`))).toMatch(/Invitation sent [^<]*, not used yet\./);
    const link = linkSentTo("new.one@carelearn.test");

    const visitor = new Client(server.url);
    const page = await visitor.get(link);
    expect(page.status).toBe(200);
    expect(await text(page)).toContain("Welcome, Nia One");

    // Password rules apply, with the field and the reason; nothing is changed.
    const short = await visitor.post(link, { password: "short", confirm: "short" });
    expect(short.status).toBe(400);
    expect(await text(short)).toContain("Use at least 12 characters");
    const different = await visitor.post(link, { password, confirm: `${password}!` });
    expect(different.status).toBe(400);
    expect(await text(different)).toContain("The two passwords are not the same");
    const withEmail = await visitor.post(link, { password: "new.one is my password", confirm: "new.one is my password" });
    expect(await text(withEmail)).toContain("does not contain your email address");
    expect(withDb(server.dbPath, (db) => db.prepare("select password_hash from users where id = ?").get(nia))).toEqual({ password_hash: null });

    const chosen = await visitor.post(link, { password, confirm: password });
    expect(chosen.status).toBe(302);
    expect(chosen.headers.get("location")).toBe("/?welcome=1");
    expect((await visitor.get("/")).status).toBe(200);
    // The password works for signing in, and the link works no more.
    await as("new.one@carelearn.test", password);
    const again = await new Client(server.url).get(link);
    expect(again.status).toBe(410);
    expect(await text(again)).toContain("This link has been used");
    expect((await new Client(server.url).post(link, { password: "another long password", confirm: "another long password" })).status).toBe(410);
  });

  it("is replaced by a newer one, expires, and refuses made-up links", async () => {
    const hr = await as("hr@carelearn.test");
    const nick = idOf("new.two@carelearn.test");
    await hr.post(`/hr/people/${nick}`, { intent: "invite" });
    const first = linkSentTo("new.two@carelearn.test");
    await hr.post(`/hr/people/${nick}`, { intent: "invite" });
    const second = linkSentTo("new.two@carelearn.test");
    expect(second).not.toBe(first);
    const anyone = new Client(server.url);
    expect((await anyone.get(first)).status).toBe(410);
    expect((await anyone.get(second)).status).toBe(200);
    withDb(server.dbPath, (db) => db.prepare("update password_links set expires_at = ? where user_id = ? and used_at is null").run(Date.now() - 1, nick));
    const expired = await anyone.get(second);
    expect(expired.status).toBe(410);
    expect(await text(expired)).toContain("This link has expired");
    for (const made of ["/set-password/not-a-real-link-but-long-enough", "/set-password/x", `/set-password/${"a".repeat(500)}`]) {
      expect((await anyone.get(made)).status, made).toBe(404);
    }
    // Learners cannot send links.
    expect((await (await as("driver@carelearn.test")).post(`/hr/people/${nick}`, { intent: "invite" })).status).toBe(403);
  });
});

describe("inviting everyone who cannot sign in yet", () => {
  it("emails each of them once, and says so", async () => {
    const hr = await as("hr@carelearn.test");
    // Nia has a password now and Nick's link expired; Nora was never invited.
    const waiting = withDb(server.dbPath, (db) =>
      (db.prepare("select count(*) n from users where active = 1 and password_hash is null and not exists (select 1 from password_links l where l.user_id = users.id and l.used_at is null and l.expires_at > ?)").get(Date.now()) as { n: number }).n,
    );
    expect(waiting).toBeGreaterThanOrEqual(2);
    const list = await text(await hr.get("/hr/people"));
    expect(list).toContain(`${waiting} people cannot sign in yet`);
    const before = outbox().length;
    const response = await hr.post("/hr/people", { intent: "invite-all" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/hr/people?invited=${waiting}`);
    expect(outbox().length).toBe(before + waiting);
    expect(await text(await hr.get(`/hr/people?invited=${waiting}`))).not.toContain("cannot sign in yet");
    // A second click sends nothing more.
    await hr.post("/hr/people", { intent: "invite-all" });
    expect(outbox().length).toBe(before + waiting);
    expect((await hr.post("/hr/people", { intent: "delete-everyone" })).status).toBe(400);
    expect((await (await as("ops.head@carelearn.test")).post("/hr/people", { intent: "invite-all" })).status).toBe(403);
  });
});

describe("forgot your password", () => {
  it("emails a reset link to an account, answers the same for anyone else, and ends every old session", async () => {
    const anyone = new Client(server.url);
    expect((await anyone.get("/login").then(text))).toContain('href="/forgot-password"');
    const before = outbox().length;
    const unknown = await anyone.post("/forgot-password", { email: "nobody@carelearn.test" });
    expect(unknown.status).toBe(302);
    expect(unknown.headers.get("location")).toBe("/forgot-password?sent=1");
    expect(outbox().length).toBe(before);
    const bad = await anyone.post("/forgot-password", { email: "not an email" });
    expect(bad.status).toBe(400);
    expect(await text(bad)).toContain("Enter a valid email address");

    const oldSession = await as("agent@carelearn.test");
    const known = await anyone.post("/forgot-password", { email: "AGENT@carelearn.test" });
    expect(known.headers.get("location")).toBe("/forgot-password?sent=1");
    expect(outbox().length).toBe(before + 1);
    // Asking again at once sends nothing more (no flooding someone's inbox).
    await anyone.post("/forgot-password", { email: "agent@carelearn.test" });
    expect(outbox().length).toBe(before + 1);

    const link = linkSentTo("agent@carelearn.test");
    expect(await text(await anyone.get(link))).toContain("Choose a new password");
    const newPassword = "the tide comes in twice";
    expect((await anyone.post(link, { password: newPassword, confirm: newPassword })).status).toBe(302);
    expect((await oldSession.get("/")).headers.get("location")).toBe("/login");
    await as("agent@carelearn.test", newPassword);
    expect(count(server.dbPath, "select count(*) n from audit_log where action = 'password.reset'")).toBe(1);
  });
});

describe("hostile input", () => {
  it("gets a 4xx with the field and reason, and changes nothing", async () => {
    const hr = await as("hr@carelearn.test");
    const nora = idOf("new.three@carelearn.test");
    await hr.post(`/hr/people/${nora}`, { intent: "invite" });
    const link = linkSentTo("new.three@carelearn.test");
    const anyone = new Client(server.url);
    const cases: Array<[Record<string, string | string[]>, string]> = [
      [{}, "Choose a password"],
      [{ password: "x".repeat(5000), confirm: "x".repeat(5000) }, "Use at most 200 characters"],
      [{ password: ["a long enough phrase", "another long phrase"], confirm: "a long enough phrase" }, ""],
    ];
    for (const [fields, message] of cases) {
      const response = await anyone.post(link, fields);
      expect(response.status, JSON.stringify(fields).slice(0, 80)).toBe(400);
      if (message) expect(await text(response)).toContain(message);
    }
    expect(withDb(server.dbPath, (db) => db.prepare("select password_hash from users where id = ?").get(nora))).toEqual({ password_hash: null });
    expect((await anyone.get(link)).status).toBe(200);
    for (const email of ["", "x".repeat(400) + "@carelearn.test", "<script>@x"]) {
      expect((await anyone.post("/forgot-password", { email })).status, email.slice(0, 20)).toBe(400);
    }
    expect((await hr.post("/hr/people/99999", { intent: "invite" })).status).toBe(404);
  });
});
