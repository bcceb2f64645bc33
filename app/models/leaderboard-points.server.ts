/**
 * Leaderboard points: earned by outcomes (a course completed, a role-play passed), never by
 * clicks, and recorded once in a ledger whose unique key is the outcome itself, so a retake,
 * a repeated completion or a toggled lesson can never score twice. Per-period totals are kept
 * up to date in the same transaction as the outcome. See docs/decisions/007-leaderboards.md.
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { courseCompletions, enrolments, type LeaderboardPointKind, leaderboardPoints, leaderboardTotals, scenarioRuns } from "~db/schema";
import type { Db } from "~/utils/db.server";
import { periodKeys } from "~/utils/time-zone";
import { dueAt, effectiveDueOn } from "./assignments.server";
import { organisationTimeZone } from "./leaderboard-settings.server";
import { DAY_MS } from "~/utils/dates";

export const POINTS = {
  /** An assigned course completed by its due date (an extension counts). */
  course_on_time: 100,
  /** An assigned course completed after its due date: still worth doing. */
  course_late: 40,
  /** A course nobody assigned, completed for its own sake. */
  course_extra: 30,
  /** A renewal completed within the grace period after the previous certificate expired. */
  recertified_on_time: 60,
  /** A renewal after the certificate had lapsed for longer. */
  recertified_late: 20,
} as const satisfies Record<Exclude<LeaderboardPointKind, "scenario_pass">, number>;

/**
 * A renewal can only be recorded once the old certificate has expired (decision 003: until then
 * the course is complete), so "on time" means within this many days of the expiry.
 */
export const RENEWAL_GRACE_DAYS = 30;

/** A role-play's first pass: half its score (0–100), so up to 50. */
export const SCENARIO_POINTS_MAX = 50;
export function scenarioPoints(score: number): number {
  return Math.max(0, Math.min(SCENARIO_POINTS_MAX, Math.round(score / 2)));
}

type Previous = { completedAt: Date; expiresAt: Date | null } | null;
type DueDates = { dueOn: string; extendedDueOn: string | null } | null;

/** What one completion is worth, and the outcome it stands for (its key in the ledger). */
export function completionAward(courseSlug: string, completedAt: Date, previous: Previous, enrolment: DueDates): { kind: LeaderboardPointKind; points: number; outcomeKey: string } {
  if (previous) {
    const onTime = !previous.expiresAt || completedAt.getTime() <= previous.expiresAt.getTime() + RENEWAL_GRACE_DAYS * DAY_MS;
    const kind = onTime ? "recertified_on_time" : "recertified_late";
    return { kind, points: POINTS[kind], outcomeKey: `course:${courseSlug}:renewal:${previous.completedAt.getTime()}` };
  }
  const kind = !enrolment ? "course_extra" : completedAt.getTime() <= dueAt(effectiveDueOn(enrolment)).getTime() ? "course_on_time" : "course_late";
  return { kind, points: POINTS[kind], outcomeKey: `course:${courseSlug}` };
}

type LedgerRow = typeof leaderboardPoints.$inferInsert;

function addToTotals(db: Db, userId: number, points: number, earnedAt: Date, timeZone: string): void {
  for (const period of periodKeys(earnedAt.getTime(), timeZone)) {
    db.insert(leaderboardTotals)
      .values({ period, userId, points })
      .onConflictDoUpdate({ target: [leaderboardTotals.period, leaderboardTotals.userId], set: { points: sql`${leaderboardTotals.points} + excluded.points` } })
      .run();
  }
}

/** Records an outcome's points unless that outcome already scored; returns whether it did now. */
function award(db: Db, row: LedgerRow, timeZone = organisationTimeZone(db)): boolean {
  const inserted = db.insert(leaderboardPoints).values(row).onConflictDoNothing().returning({ id: leaderboardPoints.id }).all();
  if (inserted.length === 0) return false;
  addToTotals(db, row.userId, row.points, row.earnedAt, timeZone);
  return true;
}

/**
 * Points for a course completion just recorded. Called inside the completion's transaction with
 * the person's completion before this one (if any): the first completion of an assigned course
 * scores by its due date, using the assignment active now; a renewal scores by whether the old
 * certificate was still valid.
 */
export function recordCompletionPoints(
  db: Db,
  input: { userId: number; courseSlug: string; completionId: number; completedAt: Date; previous: Previous },
): boolean {
  const enrolment =
    db
      .select({ dueOn: enrolments.dueOn, extendedDueOn: enrolments.extendedDueOn })
      .from(enrolments)
      .where(and(eq(enrolments.userId, input.userId), eq(enrolments.courseSlug, input.courseSlug), isNull(enrolments.endedAt)))
      .get() ?? null;
  const { kind, points, outcomeKey } = completionAward(input.courseSlug, input.completedAt, input.previous, enrolment);
  return award(db, { userId: input.userId, kind, outcomeKey, courseSlug: input.courseSlug, sourceId: input.completionId, points, earnedAt: input.completedAt });
}

/** Points for a role-play passed: the first pass of each scenario only. */
export function recordScenarioPoints(db: Db, input: { userId: number; scenarioId: string; courseSlug: string; runId: number; score: number; at: Date }): boolean {
  return award(db, {
    userId: input.userId,
    kind: "scenario_pass",
    outcomeKey: `scenario:${input.scenarioId}`,
    courseSlug: input.courseSlug,
    scenarioId: input.scenarioId,
    sourceId: input.runId,
    points: scenarioPoints(input.score),
    earnedAt: input.at,
  });
}

/** Periods older than this are never shown live nor published, so a recount does not rebuild them. */
const RECOUNT_WEEKS = 14;

/**
 * Recomputes the per-period totals from the ledger (after a time-zone change, or a recount): all
 * time, and every week, month and quarter of the last few months (published weeks are frozen, so
 * older periods are not needed again).
 */
export function rebuildTotals(db: Db, timeZone = organisationTimeZone(db), now = Date.now()): number {
  const cutoff = periodKeys(now - RECOUNT_WEEKS * 7 * DAY_MS, timeZone);
  // Keys of one kind sort by date ("week:2026-11-16", "month:2026-11", "quarter:2026-Q4").
  const recent = (period: string) => period === "all" || cutoff.some((c) => c.slice(0, c.indexOf(":")) === period.slice(0, period.indexOf(":")) && period >= c);
  const sums = new Map<string, number>();
  const rows = db.all<{ userId: number; points: number; earnedAt: number }>(sql`select user_id as userId, points, earned_at as earnedAt from ${leaderboardPoints}`);
  // Points older than the earliest quarter that can still be recent count only towards all time.
  const oldest = now - (RECOUNT_WEEKS * 7 + 100) * DAY_MS;
  const allTime = ["all"];
  for (const row of rows) {
    for (const period of row.earnedAt < oldest ? allTime : periodKeys(row.earnedAt, timeZone)) {
      if (!recent(period)) continue;
      const key = `${period}|${row.userId}`;
      sums.set(key, (sums.get(key) ?? 0) + row.points);
    }
  }
  db.delete(leaderboardTotals).run();
  const values = [...sums].map(([key, points]) => {
    const bar = key.lastIndexOf("|");
    return [key.slice(0, bar), Number(key.slice(bar + 1)), points] as const;
  });
  // One statement per 20,000 rows, the rows passed as JSON: far faster than row-by-row inserts.
  for (let i = 0; i < values.length; i += 20_000) {
    db.run(sql`insert into ${leaderboardTotals} (period, user_id, points)
      select j.value ->> 0, j.value ->> 1, j.value ->> 2 from json_each(${JSON.stringify(values.slice(i, i + 20_000))}) j`);
  }
  return values.length;
}

/**
 * Fills the ledger from the raw records (completions and passed runs) for outcomes it does not
 * hold yet, then recomputes the totals. For databases that predate leaderboards or were loaded in
 * bulk. A completion counts as assigned when the person's enrolment in the course had not ended
 * before it. Safe to run any number of times: outcomes already scored are left as they are.
 */
export function recountLeaderboard(db: Db, now = Date.now()): { added: number; totals: number } {
  return db.transaction(
    (tx) => {
      const timeZone = organisationTimeZone(tx);
      let added = 0;
      const completions = tx
        .select({
          id: courseCompletions.id,
          userId: courseCompletions.userId,
          courseSlug: courseCompletions.courseSlug,
          completedAt: courseCompletions.completedAt,
          expiresAt: courseCompletions.expiresAt,
          dueOn: enrolments.dueOn,
          extendedDueOn: enrolments.extendedDueOn,
          endedAt: enrolments.endedAt,
        })
        .from(courseCompletions)
        .leftJoin(enrolments, and(eq(enrolments.userId, courseCompletions.userId), eq(enrolments.courseSlug, courseCompletions.courseSlug)))
        .orderBy(asc(courseCompletions.userId), asc(courseCompletions.courseSlug), asc(courseCompletions.completedAt), asc(courseCompletions.id))
        .all();
      let previous: { key: string; completedAt: Date; expiresAt: Date | null } | null = null;
      const ledger: LedgerRow[] = [];
      for (const c of completions) {
        const key = `${c.userId}|${c.courseSlug}`;
        const before = previous?.key === key ? previous : null;
        const assigned = c.dueOn !== null && (c.endedAt === null || c.endedAt > c.completedAt);
        const { kind, points, outcomeKey } = completionAward(c.courseSlug, c.completedAt, before, assigned ? { dueOn: c.dueOn as string, extendedDueOn: c.extendedDueOn } : null);
        ledger.push({ userId: c.userId, kind, outcomeKey, courseSlug: c.courseSlug, sourceId: c.id, points, earnedAt: c.completedAt });
        previous = { key, completedAt: c.completedAt, expiresAt: c.expiresAt };
      }
      const passes = tx
        .select({ id: scenarioRuns.id, userId: scenarioRuns.userId, scenarioId: scenarioRuns.scenarioId, courseSlug: scenarioRuns.courseSlug, score: scenarioRuns.score, finishedAt: scenarioRuns.finishedAt })
        .from(scenarioRuns)
        .where(and(eq(scenarioRuns.passed, true), eq(scenarioRuns.status, "finished")))
        .orderBy(asc(scenarioRuns.userId), asc(scenarioRuns.scenarioId), asc(scenarioRuns.finishedAt), asc(scenarioRuns.id))
        .all();
      let last = "";
      for (const r of passes) {
        const key = `${r.userId}|${r.scenarioId}`;
        if (key === last || !r.finishedAt) continue;
        last = key;
        ledger.push({ userId: r.userId, kind: "scenario_pass", outcomeKey: `scenario:${r.scenarioId}`, courseSlug: r.courseSlug, scenarioId: r.scenarioId, sourceId: r.id, points: scenarioPoints(r.score ?? 0), earnedAt: r.finishedAt });
      }
      for (let i = 0; i < ledger.length; i += 20_000) {
        const rows = ledger.slice(i, i + 20_000).map((l) => [l.userId, l.kind, l.outcomeKey, l.courseSlug, l.scenarioId ?? null, l.sourceId, l.points, l.earnedAt.getTime()]);
        added += tx.run(sql`insert into ${leaderboardPoints} (user_id, kind, outcome_key, course_slug, scenario_id, source_id, points, earned_at)
          select j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6, j.value ->> 7
          from json_each(${JSON.stringify(rows)}) j where true
          on conflict (user_id, outcome_key) do nothing`).changes;
      }
      return { added, totals: rebuildTotals(tx, timeZone, now) };
    },
    { behavior: "immediate" },
  );
}

/** At start-up: a ledger that is empty while outcomes exist (an upgrade, a bulk load) is filled. */
export function ensureLeaderboardLedger(db: Db): number {
  if (db.select({ id: leaderboardPoints.id }).from(leaderboardPoints).limit(1).get()) return 0;
  const anyOutcome =
    db.select({ id: courseCompletions.id }).from(courseCompletions).limit(1).get() ??
    db.select({ id: scenarioRuns.id }).from(scenarioRuns).where(eq(scenarioRuns.passed, true)).limit(1).get();
  return anyOutcome ? recountLeaderboard(db).added : 0;
}

/** The rules in words, for the page that explains them. */
export function pointsRules(): Array<{ what: string; points: string }> {
  return [
    { what: "An assigned course finished by its due date", points: `${POINTS.course_on_time} points` },
    { what: "An assigned course finished after its due date", points: `${POINTS.course_late} points` },
    { what: "A course nobody assigned you, finished", points: `${POINTS.course_extra} points` },
    { what: "A role-play passed for the first time", points: `half your score: up to ${SCENARIO_POINTS_MAX} points` },
    { what: `A certificate renewed within ${RENEWAL_GRACE_DAYS} days of expiring`, points: `${POINTS.recertified_on_time} points` },
    { what: "A certificate renewed later than that", points: `${POINTS.recertified_late} points` },
  ];
}
