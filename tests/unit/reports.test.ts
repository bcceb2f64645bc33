import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyDemoSeed } from "~db/seed/demo";
import { type Catalogue, loadCatalogue } from "~/models/content/catalogue.server";
import { LessonCompiler } from "~/models/content/mdx.server";
import { saveCurriculum } from "~/models/curricula.server";
import { orgReport } from "~/models/org-report.server";
import { reportCsv } from "~/models/org-report-csv.server";
import { createRule } from "~/models/rules.server";
import { teamReport } from "~/models/team-report.server";
import { reportingLineIds } from "~/models/team.server";
import { openDatabase } from "~/utils/db.server";
import { tempDatabase } from "../support/db";

/**
 * A fixture whose answers are worked out by hand: Moses Kibet's team of seven drivers, the core
 * course assigned to everyone (due 15 Nov) and the drivers' course to Delivery (due 1 Dec).
 */
const NOW = new Date("2026-11-23T12:00:00Z");
const at = (iso: string) => Date.parse(`${iso}T12:00:00Z`);
let catalogue: Catalogue;
const t = tempDatabase("reports");
const db = t.db;
let team: number[];
const id = (email: string) => (db.$client.prepare("select id from users where email = ?").get(email) as { id: number }).id;
let drivers: number[];

beforeAll(async () => {
  catalogue = await loadCatalogue("courses", new LessonCompiler("tests/.tmp/mdx-cache"));
  await applyDemoSeed(db, "2026-11-01");
  const admin = id("admin@carelearn.test");
  const core = saveCurriculum(db, admin, null, { name: "Core", description: "", courses: ["everyone-is-a-customer-care-agent"] });
  if (!core.ok) throw new Error("curriculum");
  const delivery = (db.$client.prepare("select id from departments where name = 'Delivery'").get() as { id: number }).id;
  createRule(db, catalogue, admin, { targetKind: "everyone", curriculumId: core.id, dueDays: 14, recertifyMonths: 12, startsOn: "2026-11-01" });
  createRule(db, catalogue, admin, { targetKind: "department", departmentId: delivery, courseSlug: "care-at-the-door", dueDays: 30, startsOn: "2026-11-01" });
  db.$client.prepare("update assignment_rules set created_at = ?").run(at("2026-11-01"));
  db.$client.prepare("update enrolments set assigned_on = '2026-11-01', due_on = case course_slug when 'care-at-the-door' then '2026-12-01' else '2026-11-15' end").run();

  team = reportingLineIds(db, id("fleet.north@carelearn.test"));
  drivers = (db.$client.prepare("select id from users where manager_id = ? order by id").all(id("fleet.north@carelearn.test")) as Array<{ id: number }>).map((r) => r.id);
  const complete = db.$client.prepare("insert into course_completions (user_id, course_slug, course_version, score, completed_at, expires_at, certificate_code) values (?, 'everyone-is-a-customer-care-agent', 'v', 90, ?, ?, ?)");
  complete.run(drivers[0], at("2026-11-10"), at("2027-11-10"), "CL-AAAA-0001"); // complete
  complete.run(drivers[1], at("2025-12-01"), at("2026-12-01"), "CL-AAAA-0002"); // valid, expiring soon
  complete.run(drivers[2], at("2024-11-01"), at("2025-11-01"), "CL-AAAA-0003"); // expired
  db.$client.prepare("insert into lesson_progress (user_id, course_slug, lesson_slug, started_at, updated_at) values (?, 'care-at-the-door', 'you-do-work-in-customer-care', ?, ?)").run(drivers[3], at("2026-11-20"), at("2026-11-20"));
  const run = db.$client.prepare("insert into scenario_runs (user_id, scenario_id, course_slug, scenario_version, status, current_node_id, mood, totals, score, passed, started_at, finished_at) values (?, 'first-call', 'welcome-to-carelearn', 'v', 'finished', 'retained', 'calm', '{}', ?, ?, ?, ?)");
  run.run(drivers[0], 80, 1, at("2026-11-18"), at("2026-11-18"));
  run.run(drivers[0], 60, 1, at("2026-11-19"), at("2026-11-19"));
});
afterAll(() => t.close());

describe("the team report", () => {
  it("counts each person's work by status, as worked out by hand", () => {
    expect(team).toHaveLength(7);
    const rows = new Map(teamReport(db, team, NOW).map((r) => [r.id, r]));
    expect(rows.get(drivers[0]!)).toMatchObject({ assigned: 2, completed: 1, inProgress: 0, overdue: 0, expiringSoon: 0, percent: 50, scenarioAverage: 70 });
    expect(rows.get(drivers[0]!)?.lastActivityAt?.toISOString()).toBe("2026-11-19T12:00:00.000Z");
    expect(rows.get(drivers[1]!)).toMatchObject({ assigned: 2, completed: 1, overdue: 0, expiringSoon: 1, percent: 50, scenarioAverage: null });
    expect(rows.get(drivers[2]!)).toMatchObject({ assigned: 2, completed: 0, overdue: 1, expiringSoon: 0, percent: 0 });
    expect(rows.get(drivers[3]!)).toMatchObject({ assigned: 2, completed: 0, inProgress: 1, overdue: 1, lastActivityAt: new Date(at("2026-11-20")) });
    expect(rows.get(drivers[4]!)).toMatchObject({ assigned: 2, completed: 0, inProgress: 0, overdue: 1, lastActivityAt: null });
  });
});

describe("the HR report", () => {
  const report = () => orgReport(db, catalogue, NOW);

  it("measures care coverage by department, now and 11 weeks ago", () => {
    const { coverage } = report();
    const delivery = coverage.byDepartment.find((d) => d.department === "Delivery")!;
    expect(delivery).toMatchObject({ people: 16, covered: 2, percent: 12.5 });
    // On 7 Sep only the December 2025 completion was valid: 1 of 16.
    expect(delivery.trend[0]).toBe(6.3);
    expect(coverage.trend).toHaveLength(12);
    expect(coverage.trend[0]?.weekEnding).toBe("2026-09-07");
    expect(coverage.trend[11]).toEqual({ weekEnding: "2026-11-23", percent: 2.9 });
    expect(coverage.overall).toBe(2.9);
    expect(coverage.byDepartment.find((d) => d.department === "Clinic")).toMatchObject({ people: 10, covered: 0, percent: 0 });
  });

  it("reports curriculum completion by department and job role", () => {
    const core = report().curricula.find((c) => c.name === "Core")!;
    expect(core).toMatchObject({ people: 68, completed: 2 });
    expect(core.byDepartment.find((r) => r.group === "Delivery")).toEqual({ group: "Delivery", people: 16, completed: 2, percent: 12.5 });
    expect(core.byJobRole.find((r) => r.group === "Delivery driver")).toEqual({ group: "Delivery driver", people: 13, completed: 2, percent: 15.4 });
  });

  it("lists everything overdue, with an expired certificate due on its expiry date", () => {
    const { overdue } = report();
    expect(overdue).toHaveLength(66);
    const expired = overdue.find((o) => o.userId === drivers[2]);
    expect(expired).toMatchObject({ status: "expired", dueOn: "2025-11-01", course: expect.stringContaining("Everyone is a customer-care agent") });
    expect(overdue.find((o) => o.userId === drivers[4])).toMatchObject({ status: "overdue", dueOn: "2026-11-15", daysLate: 8 });
  });

  it("exports each table as CSV with the page's figures, quoted and with formulas made inert", () => {
    db.$client.prepare("update users set name = '=HYPERLINK(\"http://evil.example\",\"x\")' where id = ?").run(drivers[4]);
    db.$client.prepare("update departments set name = 'Delivery, north & south' where name = 'Delivery'").run();
    const r = report();
    const coverageCsv = reportCsv(r, "coverage").replace(/^\uFEFF/, "");
    expect(coverageCsv.split(/\r?\n/)[0]).toBe("department,people,with_valid_core_completion,coverage_percent");
    expect(coverageCsv).toContain('"Delivery, north & south",16,2,12.5');
    const overdueCsv = reportCsv(r, "overdue");
    expect(overdueCsv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(overdueCsv).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(reportCsv(r, "curriculum-roles").split(/\r?\n/)[0]).toContain("curriculum,job_role,people_assigned,completed,percent");
  });
});

describe("the HR report's facts, kept up to date by the change log", () => {
  it("match a report read afresh after every kind of change, from this connection or another", () => {
    const fresh = () => {
      // A second connection has no facts yet: it reads everything.
      const other = openDatabase(t.file);
      try {
        return orgReport(other, catalogue, NOW);
      } finally {
        other.$client.close();
      }
    };
    const same = () => expect(orgReport(db, catalogue, NOW)).toEqual(fresh());
    same();
    const sql = (query: string, ...params: unknown[]) => db.$client.prepare(query).run(...params);
    const writes: Array<() => void> = [
      () => sql("insert into course_completions (user_id, course_slug, course_version, score, completed_at, expires_at, certificate_code) values (?, 'everyone-is-a-customer-care-agent', 'v', 88, ?, ?, 'CL-FACT-0001')", drivers[3], at("2026-11-21"), at("2027-11-21")),
      () => sql("update enrolments set extended_due_on = '2026-12-31' where user_id = ? and course_slug = 'care-at-the-door'", drivers[4]),
      () => sql("update enrolments set ended_at = ? where user_id = ? and course_slug = 'care-at-the-door'", at("2026-11-22"), drivers[5]),
      () => sql("update users set active = 0 where id = ?", drivers[6]),
      () => sql("update users set department_id = (select id from departments where name = 'Clinic') where id = ?", drivers[0]),
      () => sql("update departments set name = 'Clinic and pharmacy' where name = 'Clinic'"),
      () => sql("delete from course_completions where certificate_code = 'CL-FACT-0001'"),
      () => sql("update users set active = 1 where id = ?", drivers[6]),
    ];
    for (const write of writes) {
      write();
      same();
    }
    // Written by another connection (another process, a CLI): seen the same way.
    const other = openDatabase(t.file);
    other.$client.prepare("update enrolments set due_on = '2026-11-01' where user_id = ? and course_slug = 'everyone-is-a-customer-care-agent'").run(drivers[1]);
    other.$client.close();
    same();
  });
});
