import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../support/http";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

function sql(query: string, ...params: unknown[]) {
  const db = new Database(server.dbPath);
  try {
    return db.prepare(query).run(...params);
  } finally {
    db.close();
  }
}

describe("sign-in", () => {
  it("signs a demo person in and shows their name", async () => {
    const client = new Client(server.url);
    const response = await client.post("/login", { email: "driver@carelearn.test", password: "carelearn" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const home = await client.get("/");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Tom Okello");
  });

  it("answers a wrong password and an unknown email with the same generic message", async () => {
    const wrong = await new Client(server.url).post("/login", { email: "driver@carelearn.test", password: "nope" });
    const unknown = await new Client(server.url).post("/login", { email: "ghost@carelearn.test", password: "carelearn" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const message = "That email and password do not match an active account.";
    expect(await wrong.text()).toContain(message);
    expect(await unknown.text()).toContain(message);
  });

  it("answers missing and malformed fields with a 400 and a message by the field", async () => {
    const client = new Client(server.url);
    const missing = await client.post("/login", {});
    expect(missing.status).toBe(400);
    const html = await missing.text();
    expect(html).toContain("Enter your email address");
    expect(html).toContain("Enter your password");
    const malformed = await client.post("/login", { email: "not-an-email", password: "x" });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain("Enter a valid email address");
    const doubled = await client.post("/login", { email: ["a@b.co", "c@d.co"], password: "x" });
    expect(doubled.status).toBeGreaterThanOrEqual(400);
    expect(doubled.status).toBeLessThan(500);
  });

  it("returns to the page asked for, and never to another site", async () => {
    const client = new Client(server.url);
    const response = await client.post("/login", { email: "hr@carelearn.test", password: "carelearn", redirectTo: "/hr" });
    expect(response.headers.get("location")).toBe("/hr");
    const evil = await new Client(server.url).post("/login", { email: "hr@carelearn.test", password: "carelearn", redirectTo: "//evil.example/x" });
    expect(evil.headers.get("location")).toBe("/");
  });

  it("refuses a deactivated account", async () => {
    sql("update users set active = 0 where email = 'agent@carelearn.test'");
    const client = new Client(server.url);
    const response = await client.post("/login", { email: "agent@carelearn.test", password: "carelearn" });
    expect(response.status).toBe(401);
    sql("update users set active = 1 where email = 'agent@carelearn.test'");
  });

  it("ends a session that has expired", async () => {
    const client = new Client(server.url);
    await client.signIn("doctor@carelearn.test");
    expect((await client.get("/")).status).toBe(200);
    sql("update sessions set expires_at = ? where user_id = (select id from users where email = 'doctor@carelearn.test')", Date.now() - 1000);
    const after = await client.get("/courses");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toBe("/login?redirectTo=%2Fcourses");
  });

  it("ends the session when a person is deactivated while signed in", async () => {
    const client = new Client(server.url);
    await client.signIn("agent@carelearn.test");
    sql("update users set active = 0 where email = 'agent@carelearn.test'");
    expect((await client.get("/")).status).toBe(302);
    sql("update users set active = 1 where email = 'agent@carelearn.test'");
  });

  it("signs out with POST and the old cookie stops working", async () => {
    const client = new Client(server.url);
    await client.signIn("driver@carelearn.test");
    const stolen = client.sessionCookie;
    const out = await client.post("/logout", {});
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/login");
    const replay = new Client(server.url);
    replay.sessionCookie = stolen;
    expect((await replay.get("/")).status).toBe(302);
  });

  it("issues a new session id at every sign-in, so a planted cookie is never promoted", async () => {
    const planted = new Client(server.url);
    await planted.signIn("driver@carelearn.test");
    const before = planted.sessionCookie;
    await planted.signIn("hr@carelearn.test");
    expect(planted.sessionCookie).not.toBe(before);
    expect(await (await planted.get("/")).text()).toContain("Helen Achieng");
    // The old cookie still names the old person only: it was not upgraded by the new sign-in.
    const old = new Client(server.url);
    old.sessionCookie = before;
    expect(await (await old.get("/")).text()).toContain("Tom Okello");
  });

  it("rejects a session cookie whose signature was tampered with", async () => {
    const client = new Client(server.url);
    await client.signIn("driver@carelearn.test");
    const cookie = client.sessionCookie!;
    client.sessionCookie = cookie.slice(0, -4) + (cookie.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect((await client.get("/")).status).toBe(302);
  });
});

describe("guards", () => {
  it("send anonymous visitors to /login with a return path", async () => {
    const response = await new Client(server.url).get("/hr");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login?redirectTo=%2Fhr");
  });

  it("give a learner a 403 page on an HR page, without the data", async () => {
    const client = new Client(server.url);
    await client.signIn("driver@carelearn.test");
    const response = await client.get("/hr");
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain("This page is not open to you");
    expect(html).not.toContain("People by department");
  });

  it("let HR and admin in", async () => {
    for (const email of ["hr@carelearn.test", "admin@carelearn.test"]) {
      const client = new Client(server.url);
      await client.signIn(email);
      const response = await client.get("/hr");
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("People by department");
    }
  });

  it("answer an unknown page with a 404 page", async () => {
    const client = new Client(server.url);
    await client.signIn("driver@carelearn.test");
    const response = await client.get("/no-such-page");
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("We could not find that page");
  });

  it("refuse a post from another site", async () => {
    const response = await fetch(`${server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=driver%40carelearn.test&password=carelearn",
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie")).toBeNull();
  });
});
