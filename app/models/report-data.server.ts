import { sql } from "drizzle-orm";
import type { Db } from "~/utils/db.server";
import { dueAt } from "./assignments.server";
import { type CourseStatus, courseStatus } from "./status.server";

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
    -- The latest completion of each enrolled course, found through the (user, course, date) index:
    -- one seek per enrolment instead of grouping every completion ever recorded.
    left join course_completions c on c.id = (
      select x.id from course_completions x
      where x.user_id = e.user_id and x.course_slug = e.course_slug
      order by x.completed_at desc limit 1
    )
    where e.ended_at is null ${scope}`);
  const active = new Set<string>();
  if (options.withActivity && ids) {
    // Only enrolled courses are looked up: one probe of the (user, course, lesson) index per
    // enrolment, rather than every lesson row of everyone in the line, years of history included.
    for (const row of db.all<{ user_id: number; course_slug: string }>(sql`
      select e.user_id, e.course_slug from enrolments e
      where e.ended_at is null and e.user_id in (select value from json_each(${ids}))
        and exists (select 1 from lesson_progress l where l.user_id = e.user_id and l.course_slug = e.course_slug)`)) {
      active.add(`${row.user_id}:${row.course_slug}`);
    }
  }
  return rows.map((r) => {
    const started = active.has(`${r.user_id}:${r.course_slug}`);
    const dueOn = r.extended_due_on ?? r.due_on;
    const completion = r.completed_at ? { completedAt: new Date(r.completed_at), expiresAt: r.expires_at ? new Date(r.expires_at) : null } : null;
    return {
      userId: r.user_id,
      courseSlug: r.course_slug,
      dueOn,
      status: courseStatus({ now, completion, hasActivity: started, dueAt: dueAt(dueOn) }),
      active: started,
      completedAt: completion?.completedAt ?? null,
      expiresAt: completion?.expiresAt ?? null,
      score: r.score,
    };
  });
}

export const isDone = (status: CourseStatus) => status === "complete" || status === "expiring-soon";
export const isLate = (status: CourseStatus) => status === "overdue" || status === "expired";
