import { asc, eq, isNull, sql } from "drizzle-orm";
import { assignmentRules, curricula, curriculumCourses } from "~db/schema";
import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { syncEnrolments } from "./enrolments.server";

export function listCurricula(db: Db) {
  const all = db.select().from(curricula).orderBy(asc(curricula.name)).all();
  const courses = db.select().from(curriculumCourses).orderBy(asc(curriculumCourses.position)).all();
  const ruleCounts = db
    .select({ curriculumId: assignmentRules.curriculumId, n: sql<number>`count(*)` })
    .from(assignmentRules)
    .where(isNull(assignmentRules.removedAt))
    .groupBy(assignmentRules.curriculumId)
    .all();
  return all.map((c) => ({
    ...c,
    courses: courses.filter((cc) => cc.curriculumId === c.id).map((cc) => cc.courseSlug),
    rules: ruleCounts.find((r) => r.curriculumId === c.id)?.n ?? 0,
  }));
}

export function findCurriculum(db: Db, id: number) {
  return listCurricula(db).find((c) => c.id === id);
}

export type CurriculumInput = { name: string; description: string; courses: string[] };

/** Creates or edits a curriculum; assignments built on it follow at once. */
export function saveCurriculum(db: Db, actorId: number, id: number | null, input: CurriculumInput): { ok: true; id: number } | { ok: false; field: "name"; message: string } {
  return db.transaction(
    (tx) => {
      const clash = tx.select({ id: curricula.id }).from(curricula).where(sql`lower(${curricula.name}) = ${input.name.toLowerCase()}`).get();
      if (clash && clash.id !== id) return { ok: false, field: "name", message: "Another curriculum already has this name" } as const;
      const before = id ? findCurriculum(tx, id) : undefined;
      const saved = id
        ? tx.update(curricula).set({ name: input.name, description: input.description, updatedAt: new Date() }).where(eq(curricula.id, id)).returning({ id: curricula.id }).get()
        : tx.insert(curricula).values({ name: input.name, description: input.description }).returning({ id: curricula.id }).get();
      if (!saved) return { ok: false, field: "name", message: "This curriculum no longer exists" } as const;
      tx.delete(curriculumCourses).where(eq(curriculumCourses.curriculumId, saved.id)).run();
      input.courses.forEach((courseSlug, position) => tx.insert(curriculumCourses).values({ curriculumId: saved.id, courseSlug, position }).run());
      recordAudit(tx, { actorId, action: id ? "curriculum.update" : "curriculum.create", entityType: "curriculum", entityId: saved.id, before: before ?? null, after: input });
      syncEnrolments(tx);
      return { ok: true, id: saved.id } as const;
    },
    { behavior: "immediate" },
  );
}

/** Archiving stops a curriculum assigning anything new; completions stay. */
export function setCurriculumArchived(db: Db, actorId: number, id: number, archived: boolean): boolean {
  return db.transaction((tx) => {
    const updated = tx.update(curricula).set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() }).where(eq(curricula.id, id)).returning({ id: curricula.id }).get();
    if (!updated) return false;
    recordAudit(tx, { actorId, action: archived ? "curriculum.archive" : "curriculum.restore", entityType: "curriculum", entityId: id });
    syncEnrolments(tx);
    return true;
  });
}
