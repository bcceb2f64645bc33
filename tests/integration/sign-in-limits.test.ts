import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../support/http";
import { startServer, type TestServer } from "../support/server";
import { withDb } from "../support/sql";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const attempt = (email: string, password: string) => new Client(server.url).post("/login", { email, password });

describe("sign-in rate limits", () => {
  it("close an account after 5 failures in 15 minutes, even to the right password, and say for how long", async () => {
    for (let i = 0; i < 5; i++) expect((await attempt("doctor@carelearn.test", `wrong-${i}`)).status).toBe(401);
    const locked = await attempt("Doctor@carelearn.test", "carelearn");
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBe("900");
    expect(await locked.text()).toContain("Too many sign-in attempts. Try again in 15 minutes.");
    // Other accounts are unaffected.
    expect((await attempt("driver@carelearn.test", "carelearn")).status).toBe(302);
  });

  it("open again once the failures are older than the window", async () => {
    withDb(server.dbPath, (db) => db.prepare("update sign_in_failures set at = at - 16 * 60 * 1000").run());
    expect((await attempt("doctor@carelearn.test", "carelearn")).status).toBe(302);
  });

  it("close an address after 20 failures across accounts", async () => {
    for (let i = 0; i < 20; i++) await attempt(`nobody${i}@carelearn.test`, "wrong");
    const blocked = await attempt("agent@carelearn.test", "carelearn");
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toMatch(/Try again in \d+ minutes?\./);
  });
});
