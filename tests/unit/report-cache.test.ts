import { afterAll, describe, expect, it } from "vitest";
import { applyDemoSeed } from "~db/seed/demo";
import { cachedReport, REPORT_MAX_AGE_MS } from "~/models/report-cache.server";
import { tempDatabase } from "../support/db";

const t = tempDatabase("report-cache");
const db = t.db;
afterAll(() => t.close());

/** A report that counts how often it was computed. */
function counter() {
  let computed = 0;
  return { compute: () => ++computed, get computed() { return computed; } };
}
const id = (email: string) => (db.$client.prepare("select id from users where email = ?").get(email) as { id: number }).id;

describe("cached reports", () => {
  it("are reused while nothing they read has changed, and recomputed after any write to it", async () => {
    await applyDemoSeed(db, "2026-11-01");
    const now = new Date("2026-11-23T12:00:00Z");
    const org = counter();
    const team = counter();
    const view = () => [cachedReport(db, "org-test", ["org"], org.compute, now), cachedReport(db, "team-test", ["org", "activity"], team.compute, now)];
    expect(view()).toEqual([1, 1]);
    expect(view()).toEqual([1, 1]);
    const driver = id("driver@carelearn.test");

    // Activity changes the team report, not the organisation's.
    db.$client.prepare("insert into lesson_progress (user_id, course_slug, lesson_slug, started_at, updated_at) values (?, 'x', 'y', 0, 0)").run(driver);
    expect(view()).toEqual([1, 2]);
    db.$client.prepare("update lesson_progress set seconds_spent = 5 where user_id = ?").run(driver);
    db.$client.prepare("insert into quiz_attempts (user_id, course_slug, quiz_id, course_version, answers, correct_count, question_count, score, passed) values (?, 'x', 'q', 'v', '{}', 1, 1, 100, 1)").run(driver);
    expect(view()).toEqual([1, 3]);

    // Each table an organisation report reads, by insert, update and delete.
    const writes = [
      "insert into course_completions (user_id, course_slug, course_version, score, completed_at, certificate_code) values (:driver, 'x', 'v', 90, 0, 'CL-TEST-0001')",
      "update course_completions set score = 95 where certificate_code = 'CL-TEST-0001'",
      "delete from course_completions where certificate_code = 'CL-TEST-0001'",
      "update users set department_id = null where id = :driver",
      "insert into departments (name) values ('Archive')",
      "insert into curricula (name, description) values ('Test', '')",
    ];
    let expected = 1;
    for (const write of writes) {
      db.$client.prepare(write).run(write.includes(":driver") ? { driver } : {});
      expected += 1;
      expect(view()[0], write).toBe(expected);
    }
  });

  it("are never older than a minute, because statuses move with the clock", () => {
    const report = counter();
    const at = (ms: number) => new Date(Date.parse("2026-11-23T12:00:00Z") + ms);
    cachedReport(db, "clock-test", ["org"], report.compute, at(0));
    cachedReport(db, "clock-test", ["org"], report.compute, at(REPORT_MAX_AGE_MS - 1));
    expect(report.computed).toBe(1);
    cachedReport(db, "clock-test", ["org"], report.compute, at(REPORT_MAX_AGE_MS));
    expect(report.computed).toBe(2);
  });

  it("keep each database's reports apart", () => {
    const other = tempDatabase("report-cache-other");
    try {
      const report = counter();
      cachedReport(db, "same-key", ["org"], report.compute);
      cachedReport(other.db, "same-key", ["org"], report.compute);
      expect(report.computed).toBe(2);
    } finally {
      other.close();
    }
  });
});
