import { and, eq, isNull, sql } from "drizzle-orm";
import { courseCompletions, enrolments, users } from "~db/schema";
import { todayIso } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { preparedQuery } from "~/utils/prepared.server";
import type { Catalogue } from "./content/catalogue.server";
import { recordAudit } from "./audit.server";
import { progressByCourse } from "./progress.server";
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
// The learner's pages run this on every view, so it is built once (app/utils/prepared.server.ts).
const activeEnrolmentsQuery = (db: Db) =>
  db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.userId, sql.placeholder("userId")), isNull(enrolments.endedAt)))
    .prepare();

export function activeEnrolments(db: Db, userId: number): Map<string, ActiveEnrolment> {
  const rows = preparedQuery(db, "active-enrolments", activeEnrolmentsQuery).all({ userId });
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
    .select({ userId: courseCompletions.userId, courseSlug: courseCompletions.courseSlug, completedAt: sql<number>`max(${courseCompletions.completedAt})`.as("latest_completed_at") })
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
    // Recertification: a completion about to expire is due soon, an expired one is overdue, and
    // either is due on its expiry date.
    const reminder = status === "due-soon" || status === "expiring-soon" ? "due-soon" : status === "overdue" || status === "expired" ? "overdue" : null;
    if (!reminder) continue;
    const digest = digests.get(row.enrolment.userId) ?? { userId: row.enrolment.userId, email: row.email, name: row.name, items: [] };
    digest.items.push({
      courseSlug: row.enrolment.courseSlug,
      title: catalogue.courseBySlug.get(row.enrolment.courseSlug)?.meta.title ?? row.enrolment.courseSlug,
      dueOn: completion?.expiresAt ? todayIso(completion.expiresAt) : effectiveDueOn(row.enrolment),
      status: reminder,
    });
    digests.set(row.enrolment.userId, digest);
  }
  return [...digests.values()];
}

export type PersonAssignment = {
  enrolmentId: number;
  courseSlug: string;
  title: string;
  assignedOn: string;
  dueOn: string;
  ruleDueOn: string;
  extensionReason: string | null;
  status: CourseStatus;
};

/** A person's assigned courses with their status, soonest due first. */
export function personAssignments(db: Db, catalogue: Catalogue, userId: number, now = new Date()): PersonAssignment[] {
  const enrolled = [...activeEnrolments(db, userId).values()];
  const progress = progressByCourse(db, userId, enrolled.map((e) => e.courseSlug));
  return enrolled
    .map((e) => {
      const p = progress.get(e.courseSlug);
      return {
        enrolmentId: e.id,
        courseSlug: e.courseSlug,
        title: catalogue.courseBySlug.get(e.courseSlug)?.meta.title ?? e.courseSlug,
        assignedOn: e.assignedOn,
        dueOn: effectiveDueOn(e),
        ruleDueOn: e.dueOn,
        extensionReason: e.extensionReason,
        status: assignmentStatus(e, p?.latestCompletion ?? null, Boolean(p?.lastActivityAt), now),
      };
    })
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

/** Gives one person more time on one assignment, with the reason kept in the audit log. */
export function extendDueDate(db: Db, actorId: number, enrolmentId: number, newDueOn: string, reason: string): "done" | "missing" | "not-later" {
  return db.transaction((tx) => {
    const enrolment = tx.select().from(enrolments).where(and(eq(enrolments.id, enrolmentId), isNull(enrolments.endedAt))).get();
    if (!enrolment) return "missing" as const;
    if (newDueOn <= effectiveDueOn(enrolment)) return "not-later" as const;
    tx.update(enrolments).set({ extendedDueOn: newDueOn, extensionReason: reason, updatedAt: new Date() }).where(eq(enrolments.id, enrolmentId)).run();
    recordAudit(tx, {
      actorId,
      action: "enrolment.extend",
      entityType: "enrolment",
      entityId: enrolmentId,
      before: { dueOn: effectiveDueOn(enrolment) },
      after: { dueOn: newDueOn, reason, userId: enrolment.userId, courseSlug: enrolment.courseSlug },
    });
    return "done" as const;
  });
}
