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

describe("changing a password", () => {
  it("checks the rules, then revokes the person's other sessions and keeps this one", async () => {
    const here = new Client(server.url);
    await here.signIn("agent@carelearn.test");
    const elsewhere = new Client(server.url);
    await elsewhere.signIn("agent@carelearn.test");
    expect((await here.get("/account")).status).toBe(200);

    const cases: Array<[Record<string, string>, string]> = [
      [{ current: "wrong", next: "a quiet river at dawn", confirm: "a quiet river at dawn" }, "That is not your current password"],
      [{ current: "carelearn", next: "short", confirm: "short" }, "at least 12 characters"],
      [{ current: "carelearn", next: "a quiet river at dawn", confirm: "a quiet river at noon" }, "The two new passwords are not the same"],
      [{ current: "carelearn", next: "agent@carelearn.test!!", confirm: "agent@carelearn.test!!" }, "does not contain your email address"],
      [{}, "Enter your current password"],
    ];
    for (const [fields, message] of cases) {
      const response = await here.post("/account", fields);
      expect(response.status, message).toBe(400);
      expect(await response.text()).toContain(message);
    }
    expect((await elsewhere.get("/")).status).toBe(200);

    const changed = await here.post("/account", { current: "carelearn", next: "a quiet river at dawn", confirm: "a quiet river at dawn" });
    expect(changed.status).toBe(302);
    expect((await here.get("/")).status).toBe(200);
    expect((await elsewhere.get("/")).status).toBe(302);
    expect((await new Client(server.url).post("/login", { email: "agent@carelearn.test", password: "carelearn" })).status).toBe(401);
    expect((await new Client(server.url).post("/login", { email: "agent@carelearn.test", password: "a quiet river at dawn" })).status).toBe(302);
  });
});
