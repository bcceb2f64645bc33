import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../support/http";
import { startServer, type TestServer } from "../support/server";
import { withDb } from "../support/sql";

let server: TestServer;
let client: Client;
beforeAll(async () => {
  server = await startServer();
  client = new Client(server.url);
  await client.signIn("driver@carelearn.test");
});
afterAll(async () => {
  await server?.stop();
});

/** Row counts of every table that holds what people did: a rejected request must not move them. */
function snapshot() {
  return withDb(server.dbPath, (db) => {
    const tables = ["users", "departments", "lesson_progress", "quiz_attempts", "course_completions", "scenario_runs", "scenario_choices", "audit_log", "leaderboard_points", "leaderboard_snapshots", "wallboard_tokens"];
    return {
      ...Object.fromEntries(tables.map((t) => [t, (db.prepare(`select count(*) n from ${t}`).get() as { n: number }).n])),
      // Changes that add no rows: a person's leaderboard choice, and settings (leaderboard mode and time zone).
      visibility: (db.prepare("select group_concat(id || ':' || leaderboard_visibility) v from users").get() as { v: string }).v,
      settings: (db.prepare("select group_concat(key || '=' || value) v from settings where key like 'leaderboard%'").get() as { v: string | null }).v,
    };
  });
}

const SCRIPT = "<script>alert('x')</script>";
const HUGE = "x".repeat(200_000);

/** Each action with payloads it must refuse: missing, malformed, duplicated, oversized, type-confused, script. */
const ACTIONS: Array<{ path: string; payloads: Array<Record<string, string | string[]>> }> = [
  { path: "/login", payloads: [{}, { email: SCRIPT, password: "x" }, { email: ["a@b.co", "c@d.co"], password: "x" }, { email: HUGE, password: HUGE }, { email: "driver@carelearn.test" }] },
  {
    path: "/account",
    payloads: [
      {},
      { current: SCRIPT, next: SCRIPT, confirm: SCRIPT },
      { current: ["a", "b"], next: "x", confirm: "y" },
      { current: HUGE, next: HUGE, confirm: HUGE },
      // The leaderboard visibility form.
      { intent: "visibility" },
      { intent: "visibility", visibility: SCRIPT },
      { intent: "visibility", visibility: HUGE },
      { intent: "visibility", visibility: ["name", "hidden"] },
      { intent: ["visibility", "visibility"], visibility: "hidden" },
      { intent: SCRIPT, visibility: "hidden" },
      { intent: "Visibility", visibility: "NAME" },
    ],
  },
  {
    path: "/courses/welcome-to-carelearn/how-carelearn-works",
    payloads: [{}, { intent: SCRIPT }, { intent: "complete", seconds: "-1" }, { intent: "complete", seconds: "NaN" }, { intent: "complete", seconds: "1e99" }, { intent: ["complete", "x"], seconds: "1" }],
  },
  {
    path: "/courses/welcome-to-carelearn/quizzes/basics",
    payloads: [{}, { "answer-owner": SCRIPT }, { "answer-owner": HUGE }, { [SCRIPT]: "a" }, { "answer-owner": ["a", "b", "c"], "answer-voicemail": "maybe" }],
  },
  {
    path: "/scenarios/first-call",
    payloads: [{}, { intent: SCRIPT }, { intent: "choose" }, { intent: "choose", node: HUGE, choice: HUGE }, { intent: "choose", node: ["start", "details"], choice: "take-it" }],
  },
  { path: "/api/lesson-time", payloads: [{}, { course: SCRIPT, lesson: SCRIPT, seconds: "5" }, { course: "welcome-to-carelearn", lesson: "how-carelearn-works", seconds: "abc" }] },
  { path: "/setup", payloads: [{}, { name: SCRIPT, email: "x@y.z", jobRole: "nurse", password: "long enough passphrase" }] },
];

describe("hostile input", () => {
  for (const action of ACTIONS) {
    it(`${action.path} refuses every bad payload with a 4xx and writes nothing`, async () => {
      // Opening a page records a visit; do that first, so only the posts are measured.
      await client.get(action.path);
      const before = snapshot();
      for (const payload of action.payloads) {
        const sender = action.path === "/login" ? new Client(server.url) : client;
        const response = await sender.post(action.path, payload);
        const label = `${action.path} ${JSON.stringify(payload).slice(0, 80)}`;
        expect(response.status, label).toBeGreaterThanOrEqual(400);
        expect(response.status, label).toBeLessThan(500);
        const body = await response.text();
        expect(body, label).not.toContain(SCRIPT);
      }
      expect(snapshot()).toEqual(before);
    });
  }

  it("/hr/leaderboard refuses every bad payload with a 4xx and writes nothing", async () => {
    const hr = new Client(server.url);
    await hr.signIn("hr@carelearn.test");
    await hr.get("/hr/leaderboard");
    const before = snapshot();
    const payloads: Array<Record<string, string | string[]>> = [
      {},
      { intent: SCRIPT },
      { intent: ["settings", "publish"], mode: "off", timeZone: "UTC" },
      { intent: "settings", mode: SCRIPT, timeZone: SCRIPT },
      { intent: "settings", mode: "off", timeZone: "Mars/Olympus_Mons" },
      { intent: "settings", mode: "off", timeZone: HUGE },
      { intent: "settings", mode: ["on", "off"], timeZone: "UTC" },
      { intent: "settings", timeZone: "UTC" },
      { intent: "create-token" },
      { intent: "create-token", label: "" },
      { intent: "create-token", label: HUGE },
      { intent: "create-token", label: ["One", "Two"] },
      { intent: "revoke-token", tokenId: "abc" },
      { intent: "revoke-token", tokenId: "999999" },
      { intent: "revoke-token", tokenId: "' or 1=1 --" },
      { intent: "revoke-token", tokenId: "-1" },
    ];
    for (const payload of payloads) {
      const response = await hr.post("/hr/leaderboard", payload);
      const label = `/hr/leaderboard ${JSON.stringify(payload).slice(0, 80)}`;
      expect(response.status, label).toBeGreaterThanOrEqual(400);
      expect(response.status, label).toBeLessThan(500);
      expect(await response.text(), label).not.toContain(SCRIPT);
    }
    expect(snapshot()).toEqual(before);
  });

  it("refuses bodies over the limit before reading them", async () => {
    const response = await client.post("/login", { email: "x".repeat(1_100_000), password: "x" });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("too large");
  });

  it("refuses a body of unknown length (chunked) without reading it", async () => {
    const url = new URL("/login", server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked", Origin: server.url } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on("error", reject);
      request.write("email=");
      request.end("x".repeat(2_000_000));
    });
    expect(status).toBe(411);
  });

  it("answers a JSON body and an odd content type without a 500", async () => {
    for (const path of ["/login", "/api/lesson-time", "/courses/welcome-to-carelearn/quizzes/basics", "/scenarios/first-call", "/account"]) {
      for (const [type, body] of [["application/json", '{"email": {"$gt": ""}}'], ["text/plain", "email=a"], ["multipart/form-data; boundary=x", "--x--"]]) {
        // Signed in, except on /login (which sends signed-in people home).
        const cookie = path === "/login" ? "" : `carelearn_session=${client.sessionCookie}`;
        const headers = { "Content-Type": type!, Origin: server.url, Cookie: cookie };
        const response = await fetch(`${server.url}${path}`, { method: "POST", body, redirect: "manual", headers });
        expect(response.status, `${path} ${type}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${path} ${type}`).toBeLessThan(500);
      }
    }
  });

  it("answers nonsense in URLs with a 404, never a 500", async () => {
    for (const url of ["/courses/%E0%A4%A", "/courses/..%2f..%2fetc%2fpasswd", `/scenarios/${encodeURIComponent(SCRIPT)}`, "/course-assets/welcome-to-carelearn/..%2fcourse.yaml", "/certificates/%00", "/wallboard/%E0%A4%A", `/wallboard/${encodeURIComponent(SCRIPT)}`, "/leaderboard/history/%00", "/leaderboard/history/2026-02-31"]) {
      const response = await client.get(url);
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(response.status, url).toBeLessThan(500);
    }
  });
});
