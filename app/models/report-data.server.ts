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

/** An active enrolment and its latest completion, as read: user, course, due on (extended if so), completed, expires, score. */
export type EnrolmentRow = [userId: number, courseSlug: string, dueOn: string, completedAt: number | null, expiresAt: number | null, score: number | null];

/**
 * Active enrolments with their latest completion, of some people or of every active person.
 * Tens of thousands of rows at 10,000 people: read as arrays, which the driver builds far faster
 * than objects.
 */
export function enrolmentRows(db: Db, userIds: number[] | null): EnrolmentRow[] {
  const scope = userIds ? sql`and e.user_id in (select value from json_each(${idList(userIds)}))` : sql`and u.active = 1`;
  return db.values<EnrolmentRow>(sql`
    select e.user_id, e.course_slug, coalesce(e.extended_due_on, e.due_on), c.completed_at, c.expires_at, c.score
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
}

/**
 * Turns enrolment rows into statuses at a moment, through the one status module. `started` says
 * whether a person opened any lesson of the course (only asked when "in progress" matters).
 */
export function statusesAt(now: Date, rows: Iterable<EnrolmentRow>, started: (userId: number, courseSlug: string) => boolean = () => false): EnrolmentStatus[] {
  // Few distinct due dates among many enrolments: each is turned into a moment once.
  const dueMoments = new Map<string, Date>();
  const dueMoment = (dueOn: string) => {
    let at = dueMoments.get(dueOn);
    if (!at) dueMoments.set(dueOn, (at = dueAt(dueOn)));
    return at;
  };
  const statuses: EnrolmentStatus[] = [];
  for (const [userId, courseSlug, dueOn, completedAt, expiresAt, score] of rows) {
    const active = started(userId, courseSlug);
    const completion = completedAt ? { completedAt: new Date(completedAt), expiresAt: expiresAt ? new Date(expiresAt) : null } : null;
    statuses.push({
      userId,
      courseSlug,
      dueOn,
      status: courseStatus({ now, completion, hasActivity: active, dueAt: dueMoment(dueOn) }),
      active,
      completedAt: completion?.completedAt ?? null,
      expiresAt: completion?.expiresAt ?? null,
      score,
    });
  }
  return statuses;
}

/**
 * The status of every active enrolment of some people, computed by the same function the
 * learner's own pages use. Activity tells "in progress" from "not started"; reports that only
 * count completions and overdue work can skip it.
 */
export function enrolmentStatuses(db: Db, now: Date, options: { userIds: number[]; withActivity: boolean }): EnrolmentStatus[] {
  const active = new Set<string>();
  if (options.withActivity) {
    // Only enrolled courses are looked up: one probe of the (user, course, lesson) index per
    // enrolment, rather than every lesson row of everyone in the line, years of history included.
    for (const row of db.all<{ user_id: number; course_slug: string }>(sql`
      select e.user_id, e.course_slug from enrolments e
      where e.ended_at is null and e.user_id in (select value from json_each(${idList(options.userIds)}))
        and exists (select 1 from lesson_progress l where l.user_id = e.user_id and l.course_slug = e.course_slug)`)) {
      active.add(`${row.user_id}:${row.course_slug}`);
    }
  }
  return statusesAt(now, enrolmentRows(db, options.userIds), (userId, courseSlug) => active.has(`${userId}:${courseSlug}`));
}

export const isDone = (status: CourseStatus) => status === "complete" || status === "expiring-soon";
export const isLate = (status: CourseStatus) => status === "overdue" || status === "expired";
