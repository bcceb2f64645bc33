import { and, eq, isNull, sql } from "drizzle-orm";
import { courseCompletions, enrolments, users } from "~db/schema";
import type { Db } from "~/utils/db.server";
import type { Catalogue } from "./content/catalogue.server";
import { type CourseStatus, courseStatus } from "./status.server";

export type ActiveEnrolment = typeof enrolments.$inferSelect;

/** The date an assignment is due: an extension if granted, otherwise the rule's date. */
export function effectiveDueOn(enrolment: Pick<ActiveEnrolment, "dueOn" | "extendedDueOn">): string {
  return enrolment.extendedDueOn ?? enrolment.dueOn;
}

/** Due by the end of the due day. */
export function dueAt(isoDate: string): Date {
  return new Date(`${isoDate}T23:59:59.999Z`);
}

/** A person's active enrolments, keyed by course. */
export function activeEnrolments(db: Db, userId: number): Map<string, ActiveEnrolment> {
  const rows = db.select().from(enrolments).where(and(eq(enrolments.userId, userId), isNull(enrolments.endedAt))).all();
  return new Map(rows.map((e) => [e.courseSlug, e]));
}

type LatestCompletion = { completedAt: Date; expiresAt: Date | null } | null;

/** Status of an assigned course: the completion decides first, then the (extended) due date. */
export function assignmentStatus(enrolment: ActiveEnrolment, completion: LatestCompletion, hasActivity: boolean, now: Date): CourseStatus {
  return courseStatus({ now, completion, hasActivity, dueAt: dueAt(effectiveDueOn(enrolment)) });
}

export type ReminderDigest = {
  userId: number;
  email: string;
  name: string;
  items: Array<{ courseSlug: string; title: string; dueOn: string; status: "due-soon" | "overdue" }>;
};

/**
 * Everyone with assigned work that is due soon or overdue, with the items, for the daily
 * reminder. A course completed (and not expired) needs no reminder.
 */
export function reminderDigests(db: Db, catalogue: Catalogue, now = new Date()): ReminderDigest[] {
  const latest = db
    .select({ userId: courseCompletions.userId, courseSlug: courseCompletions.courseSlug, completedAt: sql<number>`max(${courseCompletions.completedAt})`.as("completed_at") })
    .from(courseCompletions)
    .groupBy(courseCompletions.userId, courseCompletions.courseSlug)
    .as("latest");
  const rows = db
    .select({ enrolment: enrolments, email: users.email, name: users.name, completedAt: latest.completedAt, expiresAt: courseCompletions.expiresAt })
    .from(enrolments)
    .innerJoin(users, and(eq(users.id, enrolments.userId), eq(users.active, true)))
    .leftJoin(latest, and(eq(latest.userId, enrolments.userId), eq(latest.courseSlug, enrolments.courseSlug)))
    .leftJoin(
      courseCompletions,
      and(eq(courseCompletions.userId, enrolments.userId), eq(courseCompletions.courseSlug, enrolments.courseSlug), eq(courseCompletions.completedAt, latest.completedAt)),
    )
    .where(isNull(enrolments.endedAt))
    .orderBy(enrolments.userId)
    .all();
  const digests = new Map<number, ReminderDigest>();
  for (const row of rows) {
    const completion = row.completedAt ? { completedAt: new Date(row.completedAt), expiresAt: row.expiresAt } : null;
    const status = assignmentStatus(row.enrolment, completion, true, now);
    if (status !== "due-soon" && status !== "overdue") continue;
    const digest = digests.get(row.enrolment.userId) ?? { userId: row.enrolment.userId, email: row.email, name: row.name, items: [] };
    digest.items.push({
      courseSlug: row.enrolment.courseSlug,
      title: catalogue.courseBySlug.get(row.enrolment.courseSlug)?.meta.title ?? row.enrolment.courseSlug,
      dueOn: effectiveDueOn(row.enrolment),
      status,
    });
    digests.set(row.enrolment.userId, digest);
  }
  return [...digests.values()];
}
