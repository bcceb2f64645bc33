import { eq } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { users } from "~db/schema";
import { applyDemoSeed } from "~db/seed/demo";
import { evaluateCourseCompletion } from "~/models/completion.server";
import { type Catalogue, loadCatalogue } from "~/models/content/catalogue.server";
import { LessonCompiler } from "~/models/content/mdx.server";
import { POINTS, rebuildTotals, recountLeaderboard, scenarioPoints } from "~/models/leaderboard-points.server";
import { markLessonComplete } from "~/models/progress.server";
import { submitQuiz } from "~/models/quiz.server";
import { createRule } from "~/models/rules.server";
import { chooseOption, startRun } from "~/models/scenario-run.server";
import type { DbHandle } from "~/utils/db.server";
import { tempDatabase } from "../support/db";

let catalogue: Catalogue;
let t: ReturnType<typeof tempDatabase>;
let db: DbHandle;

beforeAll(async () => {
  catalogue = await loadCatalogue("courses", new LessonCompiler("tests/.tmp/mdx-cache"));
});
beforeEach(async () => {
  t = tempDatabase("leaderboard-points");
  db = t.db;
  await applyDemoSeed(db, "2026-11-01");
});
afterEach(() => t.close());

const RIGHT: Array<[string, string]> = [["answer-owner", "b"], ["answer-good-handover", "a"], ["answer-good-handover", "b"], ["answer-voicemail", "false"], ["answer-lifetime", "b"]];
const idOf = (email: string) => db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
const admin = () => idOf("admin@carelearn.test");
const welcome = () => catalogue.courseBySlug.get("welcome-to-carelearn")!;
const at = (iso: string) => new Date(iso);
const HOUR = 3600_000;
// Recounts rebuild the last few months' periods, counted back from here.
const NOW = Date.parse("2026-12-02T12:00:00Z");

type Ledger = { kind: string; outcome_key: string; points: number; earned_at: number };
const ledger = (email: string) => db.$client.prepare("select kind, outcome_key, points, earned_at from leaderboard_points where user_id = ? order by id").all(idOf(email)) as Ledger[];
const total = (email: string, period = "all") => (db.$client.prepare("select points from leaderboard_totals where user_id = ? and period = ?").get(idOf(email), period) as { points: number } | undefined)?.points ?? 0;
const everyTotal = () => db.$client.prepare("select period, user_id, points from leaderboard_totals order by period, user_id").all();

/** Plays a role-play, taking the best-weighted answer at every step (or the worst). */
function play(email: string, scenarioId: string, when: Date, best = true) {
  const entry = catalogue.scenarios.get(scenarioId)!;
  startRun(db, idOf(email), entry, { fresh: true }, when);
  let nodeId = entry.scenario.start;
  for (let step = 0; step < 40; step++) {
    const node = entry.scenario.nodes.find((n) => n.id === nodeId)!;
    const weight = (scores: Record<string, number>) => entry.scenario.rubric.reduce((s, d) => s + d.weight * (scores[d.id] ?? 0), 0);
    const ranked = [...node.choices].sort((a, b) => weight(b.scores) - weight(a.scores));
    const choice = best ? ranked[0]! : ranked[ranked.length - 1]!;
    const run = chooseOption(db, catalogue, idOf(email), entry, node.id, choice.id, new Date(when.getTime() + step * 1000));
    if (run.status === "finished") return run;
    nodeId = choice.next;
  }
  throw new Error("the role-play did not end");
}

/** Does the welcome course: lessons, the required role-play, then the quiz, whose pass completes it at `when`. */
function completeWelcome(email: string, when: Date) {
  const userId = idOf(email);
  for (const lesson of welcome().lessons) markLessonComplete(db, userId, welcome().slug, lesson.slug, 60, new Date(when.getTime() - 2 * HOUR));
  play(email, "first-call", new Date(when.getTime() - HOUR));
  const outcome = submitQuiz(db, userId, welcome(), "basics", RIGHT, when);
  if (!outcome.ok) throw new Error("quiz refused");
  return outcome.completion;
}

function assignWelcome(emails: string[], recertifyMonths?: number) {
  // Due 2026-11-11 (ten days from 1 November): by the end of that day counts as on time.
  const rule = createRule(db, catalogue, admin(), { targetKind: "people", peopleEmails: emails, courseSlug: "welcome-to-carelearn", dueDays: 10, recertifyMonths, startsOn: "2026-11-01" });
  if (!rule.ok) throw new Error(JSON.stringify(rule.problems));
}

describe("points come from outcomes", () => {
  it("score an assigned course on time more than late, and an unassigned one least", () => {
    assignWelcome(["driver@carelearn.test", "doctor@carelearn.test"]);
    expect(completeWelcome("driver@carelearn.test", at("2026-11-11T23:30:00Z")).status).toBe("completed");
    expect(completeWelcome("doctor@carelearn.test", at("2026-11-12T08:00:00Z")).status).toBe("completed");
    expect(completeWelcome("agent@carelearn.test", at("2026-11-12T08:00:00Z")).status).toBe("completed");
    const course = (email: string) => ledger(email).filter((l) => l.kind !== "scenario_pass");
    expect(course("driver@carelearn.test")).toEqual([{ kind: "course_on_time", outcome_key: "course:welcome-to-carelearn", points: POINTS.course_on_time, earned_at: at("2026-11-11T23:30:00Z").getTime() }]);
    expect(course("doctor@carelearn.test")).toMatchObject([{ kind: "course_late", points: POINTS.course_late }]);
    expect(course("agent@carelearn.test")).toMatchObject([{ kind: "course_extra", points: POINTS.course_extra }]);
    expect(POINTS.course_on_time).toBeGreaterThan(POINTS.course_late);
  });

  it("score an extended due date as the date that counts", () => {
    assignWelcome(["driver@carelearn.test"]);
    db.$client.prepare("update enrolments set extended_due_on = '2026-11-20' where user_id = ?").run(idOf("driver@carelearn.test"));
    completeWelcome("driver@carelearn.test", at("2026-11-19T10:00:00Z"));
    expect(ledger("driver@carelearn.test").map((l) => l.kind)).toContain("course_on_time");
  });

  it("score a role-play by its score, on the first pass only: retakes, better or worse, add nothing", () => {
    const failed = play("driver@carelearn.test", "first-call", at("2026-11-10T09:00:00Z"), false);
    expect(failed.passed).toBe(false);
    expect(ledger("driver@carelearn.test")).toEqual([]);
    const passed = play("driver@carelearn.test", "first-call", at("2026-11-10T10:00:00Z"));
    expect(passed.passed).toBe(true);
    expect(ledger("driver@carelearn.test")).toEqual([{ kind: "scenario_pass", outcome_key: "scenario:first-call", points: scenarioPoints(passed.score!), earned_at: at("2026-11-10T10:00:00Z").getTime() + 2000 }]);
    expect(scenarioPoints(passed.score!)).toBe(Math.round(passed.score! / 2));
    const before = everyTotal();
    for (let i = 0; i < 3; i++) play("driver@carelearn.test", "first-call", at(`2026-11-1${i + 1}T10:00:00Z`));
    expect(ledger("driver@carelearn.test")).toHaveLength(1);
    expect(everyTotal()).toEqual(before);
  });

  it("give nothing for toggling a finished course: lessons again, quiz retakes, another evaluation", () => {
    assignWelcome(["driver@carelearn.test"]);
    completeWelcome("driver@carelearn.test", at("2026-11-05T10:00:00Z"));
    const before = { rows: ledger("driver@carelearn.test"), totals: everyTotal() };
    const userId = idOf("driver@carelearn.test");
    for (let i = 0; i < 5; i++) {
      for (const lesson of welcome().lessons) markLessonComplete(db, userId, welcome().slug, lesson.slug, 30, at("2026-11-06T10:00:00Z"));
      expect(submitQuiz(db, userId, welcome(), "basics", RIGHT, at("2026-11-06T11:00:00Z"))).toMatchObject({ ok: true, completion: { status: "already-complete" } });
      expect(evaluateCourseCompletion(db, userId, welcome(), at("2026-11-06T12:00:00Z")).status).toBe("already-complete");
    }
    expect(ledger("driver@carelearn.test")).toEqual(before.rows);
    expect(everyTotal()).toEqual(before.totals);
  });

  it("score a renewal once per expiry: on time within the grace period, less after it", () => {
    assignWelcome(["driver@carelearn.test", "doctor@carelearn.test"], 12);
    completeWelcome("driver@carelearn.test", at("2026-11-05T10:00:00Z"));
    completeWelcome("doctor@carelearn.test", at("2026-11-05T10:00:00Z"));
    // Expiry is 2027-11-05; renewing ten days later is on time, forty-five days later is late.
    expect(completeWelcome("driver@carelearn.test", at("2027-11-15T10:00:00Z")).status).toBe("completed");
    expect(completeWelcome("doctor@carelearn.test", at("2027-12-20T10:00:00Z")).status).toBe("completed");
    const renewal = (email: string) => ledger(email).filter((l) => l.kind.startsWith("recertified"));
    expect(renewal("driver@carelearn.test")).toMatchObject([{ kind: "recertified_on_time", points: POINTS.recertified_on_time }]);
    expect(renewal("doctor@carelearn.test")).toMatchObject([{ kind: "recertified_late", points: POINTS.recertified_late }]);
    // The role-play passed again for the renewal is a retake: no second scenario points.
    expect(ledger("driver@carelearn.test").filter((l) => l.kind === "scenario_pass")).toHaveLength(1);
  });

  it("keep every period's totals equal to the ledger, and a recount from the raw records changes nothing", () => {
    assignWelcome(["driver@carelearn.test", "doctor@carelearn.test"]);
    completeWelcome("driver@carelearn.test", at("2026-11-09T10:00:00Z"));
    completeWelcome("doctor@carelearn.test", at("2026-11-15T23:30:00Z"));
    play("agent@carelearn.test", "parcel-at-reception", at("2026-12-01T09:00:00Z"));
    const sum = (email: string) => ledger(email).reduce((s, l) => s + l.points, 0);
    expect(total("driver@carelearn.test")).toBe(sum("driver@carelearn.test"));
    expect(total("driver@carelearn.test", "week:2026-11-09")).toBe(sum("driver@carelearn.test"));
    // 23:30 UTC on Sunday 15 November is still that Sunday in London: the week of the 9th.
    expect(total("doctor@carelearn.test", "week:2026-11-09")).toBe(sum("doctor@carelearn.test"));
    expect(total("doctor@carelearn.test", "week:2026-11-16")).toBe(0);
    expect(total("agent@carelearn.test", "month:2026-12")).toBe(sum("agent@carelearn.test"));
    expect(total("agent@carelearn.test", "quarter:2026-Q4")).toBe(sum("agent@carelearn.test"));

    const before = { ledger: db.$client.prepare("select * from leaderboard_points order by id").all(), totals: everyTotal() };
    expect(recountLeaderboard(db, NOW).added).toBe(0);
    expect(db.$client.prepare("select * from leaderboard_points order by id").all()).toEqual(before.ledger);
    expect(everyTotal()).toEqual(before.totals);
    // From an empty ledger (a database from before leaderboards), the recount finds the same outcomes.
    db.$client.exec("delete from leaderboard_points; delete from leaderboard_totals;");
    expect(recountLeaderboard(db, NOW).added).toBe(before.ledger.length);
    const strip = (rows: unknown[]) => (rows as Array<Record<string, unknown>>).map(({ id: _id, ...rest }) => rest);
    expect(strip(db.$client.prepare("select * from leaderboard_points order by user_id, outcome_key").all())).toEqual(
      strip((before.ledger as Array<Record<string, unknown>>).sort((a, b) => Number(a.user_id) - Number(b.user_id) || String(a.outcome_key).localeCompare(String(b.outcome_key)))),
    );
    expect(everyTotal()).toEqual(before.totals);
    expect(rebuildTotals(db, "Europe/London", NOW)).toBe(before.totals.length);
  });
});
