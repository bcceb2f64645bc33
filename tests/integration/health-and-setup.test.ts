import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { Client } from "../support/http";
import { count } from "../support/sql";
import { startServer, type TestServer } from "../support/server";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe("/healthz", () => {
  it("answers 200 after a real query, 503 while the query fails, and 200 again after", async () => {
    server = await startServer();
    const ok = await fetch(`${server.url}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: "ok" });
    // Take the table the check reads away from under the running server, then give it back.
    const other = new Database(server.dbPath);
    other.pragma("foreign_keys = OFF");
    other.exec("ALTER TABLE departments RENAME TO departments_away");
    const down = await fetch(`${server.url}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "unavailable" });
    other.exec("ALTER TABLE departments_away RENAME TO departments");
    other.close();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe("first run with the default demo", () => {
  it("seeds the organisation and a few weeks of activity", async () => {
    server = await startServer({ env: { CARELEARN_DEMO: "1" } });
    expect(count(server.dbPath, "select count(*) n from users")).toBeGreaterThanOrEqual(60);
    expect(count(server.dbPath, "select count(*) n from lesson_progress")).toBeGreaterThan(100);
    expect(count(server.dbPath, "select count(*) n from course_completions")).toBeGreaterThan(10);
  });
});

describe("first run without the demo (CARELEARN_DEMO=0)", () => {
  it("seeds nothing, lets /setup create the first admin once, then closes it", async () => {
    server = await startServer({ env: { CARELEARN_DEMO: "0" } });
    const client = new Client(server.url);
    const login = await client.get("/login");
    expect(await login.text()).toContain("Create the first administrator");
    expect((await client.get("/setup")).status).toBe(200);

    const weak = await client.post("/setup", { name: "Ada Admin", email: "ada@example.org", jobRole: "department-manager", password: "short" });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain("at least 12 characters");
    const badRole = await client.post("/setup", { name: "Ada Admin", email: "ada@example.org", jobRole: "astronaut", password: "four quiet garden lamps" });
    expect(badRole.status).toBe(400);
    expect(await badRole.text()).toContain("Choose a job role from the list");

    // A name with HTML in it is stored as typed and shown as text, never as markup.
    const created = await client.post("/setup", { name: "Ada <img src=x onerror=alert(1)> Admin", email: "ada@example.org", jobRole: "department-manager", password: "four quiet garden lamps" });
    expect(created.status).toBe(302);
    for (const page of ["/hr", "/", "/account"]) {
      const html = await (await client.get(page)).text();
      expect(html, page).toContain("Ada &lt;img src=x onerror=alert(1)&gt; Admin");
      expect(html, page).not.toContain("<img src=x");
    }

    const again = new Client(server.url);
    expect((await again.get("/setup")).status).toBe(404);
    const second = await again.post("/setup", { name: "Eve", email: "eve@example.org", jobRole: "nurse", password: "another long passphrase" });
    expect(second.status).toBe(404);
    expect((await new Client(server.url).post("/login", { email: "driver@carelearn.test", password: "carelearn" })).status).toBe(401);
  });
});
