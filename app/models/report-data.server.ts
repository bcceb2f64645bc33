import { sql } from "drizzle-orm";
import type { Db } from "~/utils/db.server";
import type { ActiveEnrolment } from "./assignments.server";
import { assignmentStatus, effectiveDueOn } from "./assignments.server";
import type { CourseStatus } from "./status.server";

export type EnrolmentStatus = {
  userId: number;
  courseSlug: string;
  dueOn: string;
  status: CourseStatus;
  /** Whether any lesson was opened (only known when asked for). */
  active: boolean;
  completedAt: Date | null;
  expiresAt: Date | null;
  score: number | null;
};

/** Ids as one JSON parameter: SQLite reads it with json_each, however many there are. */
export function idList(ids: number[]): string {
  return JSON.stringify(ids);
}

/**
 * The status of every active enrolment (of some people, or everyone), computed by the same
 * function the learner's own pages use. Activity tells "in progress" from "not started"; reports
 * that only count completions and overdue work can skip it.
 */
export function enrolmentStatuses(db: Db, now: Date, options: { userIds?: number[]; withActivity: boolean }): EnrolmentStatus[] {
  const ids = options.userIds ? idList(options.userIds) : null;
  const scope = ids ? sql`and e.user_id in (select value from json_each(${ids}))` : sql`and u.active = 1`;
  const completionScope = ids ? sql`where user_id in (select value from json_each(${ids}))` : sql``;
  const rows = db.all<{
    id: number;
    user_id: number;
    course_slug: string;
    due_on: string;
    extended_due_on: string | null;
    completed_at: number | null;
    expires_at: number | null;
    score: number | null;
  }>(sql`
    select e.id, e.user_id, e.course_slug, e.due_on, e.extended_due_on, c.completed_at, c.expires_at, c.score
    from enrolments e
    join users u on u.id = e.user_id
    left join (
      -- SQLite returns the other columns from the row holding max(completed_at): the latest completion.
      select user_id, course_slug, max(completed_at) as completed_at, expires_at, score
      from course_completions
      ${completionScope}
      group by user_id, course_slug
    ) c on c.user_id = e.user_id and c.course_slug = e.course_slug
    where e.ended_at is null ${scope}`);
  const active = new Set<string>();
  if (options.withActivity && ids) {
    for (const row of db.all<{ user_id: number; course_slug: string }>(sql`
      select distinct user_id, course_slug from lesson_progress where user_id in (select value from json_each(${ids}))`)) {
      active.add(`${row.user_id}:${row.course_slug}`);
    }
  }
  return rows.map((r) => {
    const enrolment = { dueOn: r.due_on, extendedDueOn: r.extended_due_on } as ActiveEnrolment;
    const completion = r.completed_at ? { completedAt: new Date(r.completed_at), expiresAt: r.expires_at ? new Date(r.expires_at) : null } : null;
    const started = active.has(`${r.user_id}:${r.course_slug}`);
    return {
      userId: r.user_id,
      active: started,
      courseSlug: r.course_slug,
      dueOn: effectiveDueOn(enrolment),
      status: assignmentStatus(enrolment, completion, started, now),
      completedAt: completion?.completedAt ?? null,
      expiresAt: completion?.expiresAt ?? null,
      score: r.score,
    };
  });
}

export const isDone = (status: CourseStatus) => status === "complete" || status === "expiring-soon";
export const isLate = (status: CourseStatus) => status === "overdue" || status === "expired";
