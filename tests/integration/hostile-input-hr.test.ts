import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../support/http";
import { startServer, type TestServer } from "../support/server";
import { withDb } from "../support/sql";

let server: TestServer;
let hr: Client;
let driverId = 0;
beforeAll(async () => {
  server = await startServer();
  hr = new Client(server.url);
  await hr.signIn("hr@carelearn.test");
  driverId = withDb(server.dbPath, (db) => (db.prepare("select id from users where email = 'driver@carelearn.test'").get() as { id: number }).id);
});
afterAll(async () => {
  await server?.stop();
});

function snapshot() {
  return withDb(server.dbPath, (db) => {
    const tables = ["users", "departments", "curricula", "curriculum_courses", "assignment_rules", "assignment_rule_people", "enrolments", "audit_log", "people_imports"];
    return Object.fromEntries(tables.map((t) => [t, (db.prepare(`select count(*) n from ${t}`).get() as { n: number }).n]));
  });
}

const SCRIPT = "<script>alert('x')</script>";
const HUGE = "y".repeat(100_000);

describe("hostile input on HR forms", () => {
  const cases: Array<{ path: () => string; payloads: Array<Record<string, string | string[]>> }> = [
    {
      path: () => "/hr/people/new",
      payloads: [{}, { intent: "save", name: SCRIPT, email: SCRIPT, jobRole: SCRIPT, accessLevel: SCRIPT, joinedOn: SCRIPT }, { intent: "save", name: HUGE, email: "a@b.co", jobRole: "nurse", accessLevel: "learner", joinedOn: "2026-01-01" }, { intent: "save", name: ["A", "B"], email: "a@b.co", jobRole: "nurse", accessLevel: "learner", joinedOn: "2026-13-45" }, { intent: "save", name: "Ok Name", email: "ok@b.co", jobRole: "nurse", accessLevel: "learner", joinedOn: "2026-01-01", departmentId: "-5" }],
    },
    {
      path: () => `/hr/people/${driverId}`,
      payloads: [{}, { intent: SCRIPT }, { intent: "extend", enrolmentId: "abc", dueOn: "x", reason: SCRIPT }, { intent: "extend", enrolmentId: "999999", dueOn: "2030-01-01", reason: "A good reason" }, { intent: "save", email: "nope" }],
    },
    { path: () => "/hr/curricula", payloads: [{}, { name: SCRIPT, courses: SCRIPT }, { name: HUGE, courses: "welcome-to-carelearn" }, { name: "Fine name", courses: ["welcome-to-carelearn", "welcome-to-carelearn"] }] },
    {
      path: () => "/hr/assignments",
      payloads: [{}, { targetKind: SCRIPT, what: SCRIPT, dueDays: SCRIPT, startsOn: SCRIPT }, { targetKind: "people", peopleEmails: HUGE, what: "course:welcome-to-carelearn", dueDays: "5", startsOn: "2026-11-23" }, { targetKind: "manager_team", managerEmail: "ghost@x.y", what: "curriculum:99999", dueDays: "1e9", startsOn: "2026-11-23" }, { intent: "remove", ruleId: "' or 1=1 --" }],
    },
    { path: () => "/hr/people/import", payloads: [{}, { intent: "apply", importId: "abc" }, { intent: "apply", importId: "99999" }, { intent: SCRIPT }] },
  ];
  for (const c of cases) {
    it(`${c.path().replace(/\d+/, ":id")} refuses bad payloads with a 4xx and writes nothing`, async () => {
      await hr.get(c.path());
      const before = snapshot();
      for (const payload of c.payloads) {
        const response = await hr.post(c.path(), payload);
        const label = `${c.path()} ${JSON.stringify(payload).slice(0, 100)}`;
        expect(response.status, label).toBeGreaterThanOrEqual(400);
        expect(response.status, label).toBeLessThan(500);
        expect(await response.text(), label).not.toContain(SCRIPT);
      }
      expect(snapshot()).toEqual(before);
    });
  }
});
