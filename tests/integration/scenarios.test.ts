import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../support/http";
import { startServer, type TestServer } from "../support/server";
import { count, withDb } from "../support/sql";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const PLAYER = "/scenarios/first-call";

async function signedIn(email: string) {
  const client = new Client(server.url);
  await client.signIn(email);
  return client;
}

function runOf(email: string) {
  return withDb(server.dbPath, (db) =>
    db
      .prepare("select r.* from scenario_runs r join users u on u.id = r.user_id where u.email = ? and r.scenario_id = 'first-call' and r.status = 'in_progress'")
      .get(email),
  ) as { id: number; current_node_id: string; totals: string; mood: string } | undefined;
}

describe("playing a role-play", () => {
  it("resumes a run after the browser is closed", async () => {
    const first = await signedIn("driver@carelearn.test");
    expect((await first.post(PLAYER, { intent: "start" })).status).toBe(302);
    await first.post(PLAYER, { intent: "choose", node: "start", choice: "take-it" });
    // A new browser: a new session, the same person.
    const second = await signedIn("driver@carelearn.test");
    const page = await (await second.get(PLAYER)).text();
    expect(page).toContain("decision <!-- -->2");
    expect(page).toContain('name="node" value="details"');
    expect(runOf("driver@carelearn.test")?.current_node_id).toBe("details");
  });

  it("answers a choice not offered at the current node with a 409 and leaves the run unchanged", async () => {
    const client = await signedIn("driver@carelearn.test");
    const before = runOf("driver@carelearn.test");
    const choicesBefore = count(server.dbPath, "select count(*) n from scenario_choices where run_id = ?", before!.id);
    const stale = await client.post(PLAYER, { intent: "choose", node: "start", choice: "take-it" });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("The conversation has moved on");
    const tampered = await client.post(PLAYER, { intent: "choose", node: "details", choice: "promise-callback" });
    expect(tampered.status).toBe(409);
    expect(await tampered.text()).toContain("not one of the options");
    const missing = await client.post(PLAYER, { intent: "choose", node: "details" });
    expect(missing.status).toBe(400);
    expect(runOf("driver@carelearn.test")).toEqual(before);
    expect(count(server.dbPath, "select count(*) n from scenario_choices where run_id = ?", before!.id)).toBe(choicesBefore);
  });

  it("plays to an ending, scores it on the server and shows the result only to its owner", async () => {
    const client = await signedIn("driver@carelearn.test");
    await client.post(PLAYER, { intent: "choose", node: "details", choice: "warm-transfer" });
    const run = withDb(server.dbPath, (db) =>
      db.prepare("select r.id, r.score, r.passed, r.outcome, r.ending_id from scenario_runs r join users u on u.id = r.user_id where u.email = 'driver@carelearn.test' and r.status = 'finished'").get(),
    ) as { id: number; score: number; passed: number; outcome: string; ending_id: string };
    expect(run).toMatchObject({ score: 50, passed: 0, outcome: "escalated", ending_id: "escalated" });
    const result = await client.get(`${PLAYER}/runs/${run.id}`);
    expect(result.status).toBe(200);
    const html = await result.text();
    expect(html).toContain("What the best conversation looked like");
    expect(html).toContain("Not passed yet");
    const stranger = await signedIn("agent@carelearn.test");
    expect((await stranger.get(`${PLAYER}/runs/${run.id}`)).status).toBe(404);
    expect((await client.get(`${PLAYER}/runs/not-a-number`)).status).toBe(404);
    // After the ending there is nothing to choose: a late post is a conflict, not a change.
    expect((await client.post(PLAYER, { intent: "choose", node: "details", choice: "look-it-up" })).status).toBe(409);
  });

  it("starts afresh on restart, keeping the old run as abandoned", async () => {
    const client = await signedIn("agent@carelearn.test");
    await client.post(PLAYER, { intent: "start" });
    await client.post(PLAYER, { intent: "choose", node: "start", choice: "redirect" });
    await client.post(PLAYER, { intent: "restart" });
    expect(runOf("agent@carelearn.test")?.current_node_id).toBe("start");
    expect(count(server.dbPath, "select count(*) n from scenario_runs r join users u on u.id = r.user_id where u.email = 'agent@carelearn.test' and r.status = 'abandoned'")).toBe(1);
  });

  it("answers an unknown scenario with a 404", async () => {
    const client = await signedIn("agent@carelearn.test");
    expect((await client.get("/scenarios/no-such-thing")).status).toBe(404);
  });
});

describe("insights", () => {
  it("are open to HR and managers and closed to learners", async () => {
    expect((await (await signedIn("hr@carelearn.test")).get(`${PLAYER}/insights`)).status).toBe(200);
    expect((await (await signedIn("ops.head@carelearn.test")).get(`${PLAYER}/insights`)).status).toBe(200);
    expect((await (await signedIn("driver@carelearn.test")).get(`${PLAYER}/insights`)).status).toBe(403);
  });

  it("count only the manager's own reporting line", async () => {
    // The doctor is outside the head of operations' line; the driver and agent are inside it.
    const doctor = await signedIn("doctor@carelearn.test");
    await doctor.post(PLAYER, { intent: "start" });
    await doctor.post(PLAYER, { intent: "choose", node: "start", choice: "redirect" });
    const choiceCount = (html: string) => Number(/data-choice="redirect".*?insight-count">(\d+)/s.exec(html)?.[1]);
    const hr = await (await (await signedIn("hr@carelearn.test")).get(`${PLAYER}/insights`)).text();
    const ops = await (await (await signedIn("ops.head@carelearn.test")).get(`${PLAYER}/insights`)).text();
    expect(choiceCount(hr)).toBe(2);
    expect(choiceCount(ops)).toBe(1);
  });
});
