import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../support/http";
import { startServer, type TestServer } from "../support/server";
import { withDb } from "../support/sql";

let server: TestServer;
let hr: Client;
const COURSE = "/courses/welcome-to-carelearn";
const RIGHT_ANSWERS = { "answer-owner": "b", "answer-good-handover": ["a", "b"], "answer-voicemail": "false", "answer-lifetime": "b" };
const BEST_PATH: Array<[string, string]> = [
  ["start", "take-it"],
  ["details", "look-it-up"],
  ["update", "promise-callback"],
];
const people: Array<{ id: number; email: string; client: Client }> = [];
let wallboard = "";

// React separates adjacent text with <!-- --> in server HTML.
const text = async (response: Response) => (await response.text()).replace(/<!-- -->/g, "");
const q = <T>(sql: string, ...params: unknown[]) => withDb(server.dbPath, (db) => db.prepare(sql).all(...params)) as T[];

beforeAll(async () => {
  server = await startServer();
  hr = new Client(server.url);
  await hr.signIn("hr@carelearn.test");
  // The welcome course is assigned to everyone, due in 30 days: finishing it now is on time.
  const today = new Date().toISOString().slice(0, 10);
  const rule = await hr.post("/hr/assignments", { targetKind: "everyone", what: "course:welcome-to-carelearn", dueDays: "30", startsOn: today });
  expect(rule.status).toBe(302);
  const rows = q<{ id: number; email: string }>("select id, email from users where active = 1 and password_hash is not null order by id limit 16");
  for (const row of rows) {
    const client = new Client(server.url);
    await client.signIn(row.email);
    people.push({ ...row, client });
  }
});
afterAll(async () => {
  await server?.stop();
});

/** What the points rules give, recounted from the raw records by the test itself. */
function recount(): Map<number, number> {
  const expected = new Map<number, number>();
  const add = (id: number, points: number) => expected.set(id, (expected.get(id) ?? 0) + points);
  const completions = q<{ user_id: number; completed_at: number; due_on: string | null }>(`
    select c.user_id, min(c.completed_at) as completed_at, coalesce(e.extended_due_on, e.due_on) as due_on
    from course_completions c left join enrolments e on e.user_id = c.user_id and e.course_slug = c.course_slug and e.ended_at is null
    group by c.user_id, c.course_slug`);
  for (const c of completions) add(c.user_id, !c.due_on ? 30 : c.completed_at <= Date.parse(`${c.due_on}T23:59:59.999Z`) ? 100 : 40);
  const passes = q<{ user_id: number; score: number }>(`
    select r.user_id, r.score from scenario_runs r
    where r.passed = 1 and r.id = (select min(r2.id) from scenario_runs r2 where r2.user_id = r.user_id and r2.scenario_id = r.scenario_id and r2.passed = 1)`);
  for (const p of passes) add(p.user_id, Math.round(p.score / 2));
  return expected;
}

describe("leaderboard totals under concurrent completions", () => {
  it("equal a recount from the raw records after a burst, with nothing scored twice", async () => {
    // Everyone reads both lessons and passes the role-play, all at the same time.
    await Promise.all(
      people.map(async ({ client }) => {
        for (const lesson of ["how-carelearn-works", "the-worth-of-a-customer"]) expect((await client.post(`${COURSE}/${lesson}`, { intent: "complete", seconds: "30" })).status).toBe(302);
        await client.post("/scenarios/first-call", { intent: "start" });
        for (const [node, choice] of BEST_PATH) await client.post("/scenarios/first-call", { intent: "choose", node, choice });
      }),
    );
    // Then the burst: each person submits the passing quiz three times at once, and replays the role-play.
    const burst = people.flatMap(({ client }) => [
      ...Array.from({ length: 3 }, () => client.post(`${COURSE}/quizzes/basics`, RIGHT_ANSWERS)),
      (async () => {
        await client.post("/scenarios/first-call", { intent: "restart" });
        for (const [node, choice] of BEST_PATH) await client.post("/scenarios/first-call", { intent: "choose", node, choice });
        return new Response(null, { status: 200 });
      })(),
    ]);
    const responses = await Promise.all(burst);
    for (const r of responses) expect(r.status).toBeLessThan(500);

    expect(q("select count(*) n from course_completions")).toEqual([{ n: people.length }]);
    // One course outcome and one role-play outcome per person, however many requests raced.
    expect(q("select kind, count(*) n from leaderboard_points group by kind order by kind")).toEqual([
      { kind: "course_on_time", n: people.length },
      { kind: "scenario_pass", n: people.length },
    ]);
    const expected = recount();
    expect(expected.size).toBe(people.length);
    // The totals table agrees with the recount...
    const totals = new Map(q<{ user_id: number; points: number }>("select user_id, points from leaderboard_totals where period = 'all'").map((r) => [r.user_id, r.points]));
    expect(totals).toEqual(expected);
    // ...and so does what each person sees on their board, this week and all time.
    for (const { id, client } of people) {
      for (const window of ["week", "all"]) {
        const html = await text(await client.get(`/leaderboard?window=${window}`));
        expect(/data-testid="own-points">([\d,]+)</.exec(html)?.[1], `${id} ${window}`).toBe(String(expected.get(id)));
      }
    }
    // Department totals on the board are the sums of their members' recounted points.
    const html = await text(await hr.get("/leaderboard?window=all"));
    const byDepartment = new Map<string, number>();
    for (const row of q<{ id: number; department: string }>("select u.id, d.name as department from users u join departments d on d.id = u.department_id where u.active = 1")) {
      byDepartment.set(row.department, (byDepartment.get(row.department) ?? 0) + (expected.get(row.id) ?? 0));
    }
    const shown = [...html.matchAll(/data-team="([^"]+)" data-total="(\d+)"/g)].filter(([, label]) => byDepartment.has(label!.replace(/&#x27;/g, "'")));
    expect(shown.length).toBeGreaterThan(0);
    for (const [, label, total] of shown) expect(Number(total), label).toBe(byDepartment.get(label!));
  });
});

describe("privacy, on the board and the wallboard", () => {
  beforeAll(async () => {
    const created = await hr.post("/hr/leaderboard", { intent: "create-token", label: "Test screen" });
    expect(created.status).toBe(200);
    wallboard = /\/wallboard\/[A-Za-z0-9_-]+/.exec(await created.text())?.[0] ?? "";
    expect(wallboard).not.toBe("");
  });

  const driver = () => people.find((p) => p.email === "driver@carelearn.test")!.client;
  async function choose(visibility: string) {
    const response = await driver().post("/account", { intent: "visibility", visibility });
    expect(response.status).toBe(302);
  }
  const pages = async () => ({
    board: await text(await hr.get("/leaderboard?window=all")),
    wall: await text(await new Client(server.url).get(wallboard)),
    own: await text(await driver().get("/leaderboard?window=all")),
  });

  it("shows a person by name, by initials or as a colleague, as they choose, and never hides them from themselves", async () => {
    await choose("name");
    let seen = await pages();
    expect(seen.board).toContain("Tom Okello");
    expect(seen.wall).toContain("Tom Okello");

    await choose("initials");
    seen = await pages();
    for (const page of [seen.board, seen.wall]) {
      expect(page).not.toContain("Tom Okello");
      expect(page).toContain("T. O.");
    }
    expect(seen.own).toContain("Tom Okello (you)");

    await choose("hidden");
    seen = await pages();
    for (const page of [seen.board, seen.wall]) {
      expect(page).not.toContain("Tom Okello");
      expect(page).not.toContain("T. O.");
      expect(page).toContain("A colleague");
    }
    expect(seen.own).toContain("Tom Okello (you)");
    await choose("name");
  });

  it("refuses a visibility that is not one of the three, changing nothing", async () => {
    for (const visibility of ["public", "", "<script>"]) expect((await driver().post("/account", { intent: "visibility", visibility })).status).toBe(400);
    expect(q("select leaderboard_visibility v from users where email = 'driver@carelearn.test'")).toEqual([{ v: "name" }]);
  });

  it("turns individual boards off for teams only, then the whole feature off", async () => {
    expect((await hr.post("/hr/leaderboard", { intent: "settings", mode: "teams", timeZone: "Europe/London" })).status).toBe(302);
    let seen = await pages();
    for (const page of [seen.board, seen.wall]) {
      expect(page).not.toContain("Tom Okello");
      expect(page).toContain("Departments");
    }
    expect(seen.board).not.toContain('id="people-board"');

    expect((await hr.post("/hr/leaderboard", { intent: "settings", mode: "off", timeZone: "Europe/London" })).status).toBe(302);
    expect(await text(await driver().get("/leaderboard"))).toContain("Leaderboards are turned off");
    expect(await text(await driver().get("/"))).not.toContain('href="/leaderboard"');
    expect((await new Client(server.url).get(wallboard)).status).toBe(404);

    expect((await hr.post("/hr/leaderboard", { intent: "settings", mode: "on", timeZone: "Europe/London" })).status).toBe(302);
    expect(await text(await driver().get("/"))).toContain('href="/leaderboard"');
    seen = await pages();
    expect(seen.wall).toContain("Tom Okello");
  });
});

describe("wallboard links", () => {
  it("work without signing in, refresh themselves, and stop working once revoked", async () => {
    const created = await hr.post("/hr/leaderboard", { intent: "create-token", label: "Reception" });
    const path = /\/wallboard\/[A-Za-z0-9_-]+/.exec(await created.text())?.[0] ?? "";
    const anonymous = new Client(server.url);
    const live = await anonymous.get(path);
    expect(live.status).toBe(200);
    expect(await live.text()).toMatch(/<meta http-equiv="refresh" content="\d+"/);
    const { id } = q<{ id: number }>("select id from wallboard_tokens where label = 'Reception'")[0]!;
    expect((await hr.post("/hr/leaderboard", { intent: "revoke-token", tokenId: String(id) })).status).toBe(302);
    expect((await anonymous.get(path)).status).toBe(404);
    expect((await hr.post("/hr/leaderboard", { intent: "revoke-token", tokenId: String(id) })).status).toBe(400);
    for (const bad of ["/wallboard/nope", `/wallboard/${"A".repeat(43)}`, "/wallboard/%3Cscript%3E"]) expect((await anonymous.get(bad)).status, bad).toBe(404);
  });
});

describe("history", () => {
  it("lists published weeks and shows one; an unknown week is a 404", async () => {
    const learner = people[0]!.client;
    expect((await learner.get("/leaderboard/history")).status).toBe(200);
    expect((await learner.get("/leaderboard/history/2001-01-01")).status).toBe(404);
    expect((await learner.get("/leaderboard/history/not-a-week")).status).toBe(404);
    // HR can publish ended weeks on demand; with all points in the current week there is nothing to publish.
    const publish = await hr.post("/hr/leaderboard", { intent: "publish" });
    expect(publish.status).toBe(302);
    expect(publish.headers.get("location")).toBe("/hr/leaderboard?published=0");
  });
});
