import { createHash } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../support/http";
import { startServer, type TestServer } from "../support/server";
import { withDb } from "../support/sql";
import { addDaysIso, windowAt } from "~/utils/time-zone";

/**
 * Every route, every kind of visitor, allowed or denied. The route list comes from the built
 * route configuration, so a new route without an entry here fails the first test.
 */
type Outcome = "ok" | "login" | "redirect" | "forbidden" | "missing" | "method";
const PRINCIPALS = ["anonymous", "learner", "managerOwnTeam", "managerOtherTeam", "hr", "admin"] as const;
type Principal = (typeof PRINCIPALS)[number];
type Row = Record<Principal, Outcome>;

const SIGN_INS: Record<Exclude<Principal, "anonymous">, string> = {
  learner: "driver@carelearn.test",
  // The driver is in the head of operations' reporting line, and not in the clinic manager's.
  managerOwnTeam: "ops.head@carelearn.test",
  managerOtherTeam: "clinic.manager@carelearn.test",
  hr: "hr@carelearn.test",
  admin: "admin@carelearn.test",
};

const everyone = (outcome: Outcome): Row => ({ anonymous: outcome, learner: outcome, managerOwnTeam: outcome, managerOtherTeam: outcome, hr: outcome, admin: outcome });
const signedIn = (outcome: Outcome): Row => ({ ...everyone(outcome), anonymous: "login" });
/** HR pages: HR and admin only; learners and managers get a 403, whatever the page. */
const hrOnly = (outcome: Outcome = "ok"): Row => ({ ...signedIn("forbidden"), hr: outcome, admin: outcome });

/** GET of each route with real parameters: {run} is the driver's finished role-play, {code} his certificate. */
const MATRIX: Record<string, { path: string; get: Row }> = {
  "routes/_index": { path: "/", get: signedIn("ok") },
  "routes/login": { path: "/login", get: { ...everyone("redirect"), anonymous: "ok" } },
  "routes/forgot-password": { path: "/forgot-password", get: everyone("ok") },
  // The link is the guard: a live one opens for whoever holds it (an unknown one is a 404).
  "routes/set-password.$token": { path: "/set-password/{passwordLink}", get: everyone("ok") },
  "routes/logout": { path: "/logout", get: everyone("redirect") },
  "routes/setup": { path: "/setup", get: everyone("missing") },
  "routes/healthz": { path: "/healthz", get: everyone("ok") },
  "routes/baseline": { path: "/baseline", get: everyone("ok") },
  "routes/baseline[.]txt": { path: "/baseline.txt", get: everyone("ok") },
  "routes/account": { path: "/account", get: signedIn("ok") },
  "routes/hr._index": { path: "/hr", get: hrOnly() },
  "routes/hr.people._index": { path: "/hr/people", get: hrOnly() },
  "routes/hr.people.new": { path: "/hr/people/new", get: hrOnly() },
  "routes/hr.people.$id": { path: "/hr/people/{driver}", get: hrOnly() },
  "routes/hr.people.import": { path: "/hr/people/import", get: hrOnly() },
  "routes/hr.people[.]csv": { path: "/hr/people.csv", get: hrOnly() },
  "routes/hr.curricula._index": { path: "/hr/curricula", get: hrOnly() },
  "routes/hr.curricula.$id": { path: "/hr/curricula/{curriculum}", get: hrOnly() },
  "routes/hr.assignments": { path: "/hr/assignments", get: hrOnly() },
  "routes/hr.audit": { path: "/hr/audit", get: hrOnly() },
  "routes/hr.reports._index": { path: "/hr/reports", get: hrOnly() },
  "routes/hr.reports.export.$table": { path: "/hr/reports/export/overdue", get: hrOnly() },
  "routes/team._index": { path: "/team", get: { ...signedIn("ok"), learner: "forbidden" } },
  "routes/team[.]csv": { path: "/team.csv", get: { ...signedIn("ok"), learner: "forbidden" } },
  // The driver's records: his own line's manager and HR may look; another manager finds nothing.
  "routes/team.$userId": { path: "/team/{driver}", get: { ...signedIn("ok"), learner: "forbidden", managerOtherTeam: "missing" } },
  "routes/team.$userId.transcript[.]csv": { path: "/team/{driver}/transcript.csv", get: { ...signedIn("ok"), learner: "forbidden", managerOtherTeam: "missing" } },
  "routes/hr.outbox": { path: "/hr/outbox", get: hrOnly() },
  // No message has that name: HR learns it is missing, everyone else never gets that far.
  "routes/hr.outbox.$file": { path: "/hr/outbox/no-such-message.eml", get: hrOnly("missing") },
  "routes/courses._index": { path: "/courses", get: signedIn("ok") },
  "routes/courses.$course._index": { path: "/courses/welcome-to-carelearn", get: signedIn("ok") },
  "routes/courses.$course.$lesson": { path: "/courses/welcome-to-carelearn/how-carelearn-works", get: signedIn("ok") },
  "routes/courses.$course.quizzes.$quiz": { path: "/courses/welcome-to-carelearn/quizzes/basics", get: signedIn("ok") },
  "routes/lesson-code.$file": { path: "/lesson-code/{lessonCode}", get: signedIn("ok") },
  "routes/course-assets.$course.$file": { path: "/course-assets/welcome-to-carelearn/one-service.svg", get: signedIn("ok") },
  "routes/api.lesson-time": { path: "/api/lesson-time", get: signedIn("method") },
  "routes/certificates.$code": { path: "/certificates/{code}", get: everyone("ok") },
  "routes/scenarios._index": { path: "/scenarios", get: signedIn("ok") },
  "routes/scenarios.$id._index": { path: "/scenarios/first-call", get: signedIn("ok") },
  // A run is its player's alone: managers and HR see runs through reports, never this page.
  "routes/scenarios.$id.runs.$runId": { path: "/scenarios/first-call/runs/{run}", get: { ...signedIn("missing"), learner: "ok" } },
  "routes/scenarios.$id.insights": { path: "/scenarios/first-call/insights", get: { ...signedIn("ok"), learner: "forbidden" } },
  "routes/leaderboard._index": { path: "/leaderboard", get: signedIn("ok") },
  "routes/leaderboard.history._index": { path: "/leaderboard/history", get: signedIn("ok") },
  // {week} is a published week; everyone signed in may look back at it.
  "routes/leaderboard.history.$week": { path: "/leaderboard/history/{week}", get: signedIn("ok") },
  "routes/hr.leaderboard": { path: "/hr/leaderboard", get: hrOnly() },
  // An office screen: the token is the guard, so no sign-in (a wrong or revoked token is a 404).
  "routes/wallboard.$token": { path: "/wallboard/{wallboard}", get: everyone("ok") },
};

/** Every action, posted by someone not signed in, must go no further than the sign-in page. */
const PUBLIC_ACTIONS = new Set(["routes/login", "routes/setup", "routes/logout", "routes/forgot-password", "routes/set-password.$token"]);

let server: TestServer;
let routes: Record<string, { path?: string; module: { action?: unknown } }>;
const clients = new Map<Principal, Client>();
const values: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer();
  const build = await import(pathToFileURL(path.resolve("build/server/index.js")).href);
  routes = build.routes;
  clients.set("anonymous", new Client(server.url));
  for (const [principal, email] of Object.entries(SIGN_INS)) {
    const client = new Client(server.url);
    await client.signIn(email);
    clients.set(principal as Principal, client);
  }
  const driver = clients.get("learner")!;
  await driver.post("/scenarios/first-call", { intent: "start" });
  await driver.post("/scenarios/first-call", { intent: "choose", node: "start", choice: "redirect" });
  await driver.post("/scenarios/first-call", { intent: "choose", node: "bounced", choice: "stand-firm" });
  withDb(server.dbPath, (db) => {
    values.run = String((db.prepare("select id from scenario_runs where status = 'finished'").get() as { id: number }).id);
    db.prepare(
      "insert into course_completions (user_id, course_slug, course_version, score, completed_at, certificate_code) select id, 'welcome-to-carelearn', 'v', 90, ?, 'CL-TEST-CODE' from users where email = 'driver@carelearn.test'",
    ).run(Date.now());
  });
  values.code = "CL-TEST-CODE";
  const lessonHtml = await (await clients.get("learner")!.get("/courses/welcome-to-carelearn/how-carelearn-works")).text();
  values.lessonCode = /\/lesson-code\/([a-f0-9]{64}\.js)/.exec(lessonHtml)?.[1] ?? "missing";
  withDb(server.dbPath, (db) => {
    values.driver = String((db.prepare("select id from users where email = 'driver@carelearn.test'").get() as { id: number }).id);
    values.curriculum = String(db.prepare("insert into curricula (name) values ('Matrix curriculum')").run().lastInsertRowid);
    // Last week, published (with no boards in it), and a live wallboard link.
    values.week = addDaysIso(windowAt("week", Date.now(), "Europe/London").firstDay!, -7);
    db.prepare("insert into leaderboard_snapshots (week_start, starts_at, ends_at, time_zone, individuals, published_at) values (?, 0, 0, 'Europe/London', 1, ?)").run(values.week, Date.now());
    values.passwordLink = "matrix-password-link-0123456789abcdef";
    db.prepare("insert into password_links (id, user_id, purpose, expires_at) select ?, id, 'invite', ? from users where email = 'agent@carelearn.test'").run(
      createHash("sha256").update(values.passwordLink).digest("hex"),
      Date.now() + 86_400_000,
    );
    values.wallboard = "matrix-wallboard-token-0123456789abcdef";
    db.prepare("insert into wallboard_tokens (label, token_hash) values ('Matrix', ?)").run(createHash("sha256").update(values.wallboard).digest("hex"));
  });
});
afterAll(async () => {
  await server?.stop();
});

function outcomeOf(response: Response): Outcome | string {
  const location = response.headers.get("location") ?? "";
  if (response.status === 302) return location.startsWith("/login") ? "login" : "redirect";
  if (response.status === 200 || response.status === 204) return "ok";
  if (response.status === 403) return "forbidden";
  if (response.status === 404) return "missing";
  if (response.status === 405) return "method";
  return `status ${response.status}`;
}

describe("authorisation matrix", () => {
  it("has an entry for every route in the route configuration, and none for routes that are gone", () => {
    const ids = Object.keys(routes).filter((id) => id !== "root").sort();
    expect(Object.keys(MATRIX).sort()).toEqual(ids);
  });

  for (const [id, entry] of Object.entries(MATRIX)) {
    it(`GET ${entry.path} (${id})`, async () => {
      const url = entry.path.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? key);
      const actual: Record<string, string> = {};
      for (const principal of PRINCIPALS) actual[principal] = outcomeOf(await clients.get(principal)!.get(url));
      expect(actual).toEqual(entry.get);
    });
  }

  it("sends an anonymous post to every protected action to the sign-in page, changing nothing", async () => {
    const before = withDb(server.dbPath, (db) => db.prepare("select (select count(*) from lesson_progress) + (select count(*) from quiz_attempts) + (select count(*) from scenario_runs) n").get());
    for (const [id, route] of Object.entries(routes)) {
      if (!route.module.action || PUBLIC_ACTIONS.has(id)) continue;
      const url = MATRIX[id]!.path.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? key);
      const response = await clients.get("anonymous")!.post(url, { intent: "complete", seconds: "5" });
      expect(outcomeOf(response), id).toBe("login");
    }
    const after = withDb(server.dbPath, (db) => db.prepare("select (select count(*) from lesson_progress) + (select count(*) from quiz_attempts) + (select count(*) from scenario_runs) n").get());
    expect(after).toEqual(before);
  });

  it("refuses every action posted from another site, even with a valid session", async () => {
    const learner = clients.get("learner")!;
    for (const [id, route] of Object.entries(routes)) {
      if (!route.module.action) continue;
      const url = MATRIX[id]!.path.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? key);
      const response = await learner.post(url, { intent: "complete" }, { Origin: "https://evil.example" });
      expect(response.status, id).toBe(403);
    }
  });
});
