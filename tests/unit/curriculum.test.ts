import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoActivity } from "~db/seed/demo-activity";
import { applyDemoSeed } from "~db/seed/demo";
import { demoPeople } from "~db/seed/demo-people";
import { type Catalogue, loadCatalogue } from "~/models/content/catalogue.server";
import { LessonCompiler } from "~/models/content/mdx.server";
import { tempDatabase } from "../support/db";

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue("courses", new LessonCompiler("tests/.tmp/mdx-cache"));
});

/** Words of prose in a lesson file: front matter and component tags left out. */
function proseWords(file: string): number {
  const text = fs.readFileSync(file, "utf8").replace(/^---[\s\S]*?---/, "").replace(/<[^>]+>/g, " ");
  return text.split(/\s+/).filter((w) => /[A-Za-z]/.test(w)).length;
}

describe("the curriculum", () => {
  it("has at least six full courses, each with lessons, a quiz and a winnable scenario", () => {
    expect(catalogue.errors).toEqual([]);
    const full = catalogue.courses.filter((c) => c.slug !== "welcome-to-carelearn");
    expect(full.length).toBeGreaterThanOrEqual(6);
    for (const course of catalogue.courses) {
      expect(course.lessons.length, course.slug).toBeGreaterThanOrEqual(course.slug === "welcome-to-carelearn" ? 2 : 3);
      expect(course.quizzes.size, course.slug).toBeGreaterThanOrEqual(1);
      expect(course.scenarioIds.length, course.slug).toBeGreaterThanOrEqual(1);
      for (const id of course.scenarioIds) {
        const { analysis, scenario } = catalogue.scenarios.get(id)!;
        expect(analysis.bestScore, id).toBeGreaterThanOrEqual(scenario.passMark);
      }
    }
    for (const course of full) {
      expect(course.lessons.length).toBeLessThanOrEqual(6);
      for (const quiz of course.quizzes.values()) expect(quiz.questions.length, course.slug).toBeGreaterThanOrEqual(6);
      for (const id of course.scenarioIds) {
        const { analysis, scenario } = catalogue.scenarios.get(id)!;
        expect(analysis.longestPath, id).toBeGreaterThanOrEqual(8);
        expect(new Set(scenario.endings.map((e) => e.outcome)), id).toEqual(new Set(["retained", "escalated", "lost"]));
      }
      const average = course.lessons.reduce((n, l) => n + proseWords(l.file), 0) / course.lessons.length;
      expect(average, course.slug).toBeGreaterThanOrEqual(500);
    }
  });

  it("aims at least one role course at every job role in the demo organisation", () => {
    const roles = new Set(demoPeople().map((p) => p.jobRole));
    for (const role of roles) {
      const aimed = catalogue.courses.filter((c) => c.meta.audience !== "everyone" && c.meta.audience.includes(role as never));
      expect(aimed.length, role).toBeGreaterThanOrEqual(1);
    }
    expect(catalogue.courses.some((c) => c.meta.audience === "everyone" && c.meta.recertifyMonths)).toBe(true);
  });

  it("puts the lifetime-value calculator in the core course and the drivers' course", () => {
    for (const slug of ["everyone-is-a-customer-care-agent", "care-at-the-door"]) {
      const used = catalogue.courseBySlug.get(slug)!.lessons.flatMap((l) => l.compiled.components.map((c) => c.name));
      expect(used, slug).toContain("LifetimeValue");
    }
  });
});

describe("the demo activity", () => {
  const t = tempDatabase("activity");
  afterAll(() => t.close());

  it("gives every dashboard something true: completions, courses under way, quiz retakes and role-play runs", async () => {
    await applyDemoSeed(t.db, "2026-11-23");
    expect(seedDemoActivity(t.db, catalogue, Date.parse("2026-11-23T12:00:00Z"))).toBe(true);
    const n = (sql: string) => (t.db.$client.prepare(sql).get() as { n: number }).n;
    expect(n("select count(*) n from course_completions")).toBeGreaterThan(10);
    expect(n("select count(distinct user_id) n from lesson_progress where completed_at is not null")).toBeGreaterThan(20);
    expect(n("select count(*) n from scenario_runs where status = 'finished'")).toBeGreaterThan(10);
    expect(n("select count(*) n from (select user_id, quiz_id from quiz_attempts group by 1, 2 having count(*) > 1)")).toBeGreaterThan(0);
    // Someone has started but not finished a course: a home page with something to continue.
    expect(n("select count(*) n from users u where email = 'driver@carelearn.test' and exists (select 1 from lesson_progress p where p.user_id = u.id)")).toBe(1);
    expect(n("select count(*) n from course_completions where completed_at > " + Date.parse("2026-11-23T12:00:00Z"))).toBe(0);
    // A second call changes nothing.
    expect(seedDemoActivity(t.db, catalogue, Date.parse("2026-11-23T12:00:00Z"))).toBe(false);
  });
});
