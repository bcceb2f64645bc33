import { and, eq, isNull } from "drizzle-orm";
import { assignmentRulePeople, assignmentRules, curricula, curriculumCourses, enrolments, users } from "~db/schema";
import { addDays, todayIso } from "~/utils/dates";
import type { Db } from "~/utils/db.server";

type Person = { id: number; departmentId: number | null; jobRole: string; managerId: number | null; joinedOn: string };
type Rule = typeof assignmentRules.$inferSelect;
type Candidate = { ruleId: number; assignedOn: string; dueOn: string; recertifyMonths: number | null };

export type SyncResult = { created: number; updated: number; ended: number };

/** Everyone below a manager, from a map of who reports to whom. */
function reportingLine(managerId: number, reportsOf: Map<number, number[]>): Set<number> {
  const line = new Set<number>();
  const queue = [...(reportsOf.get(managerId) ?? [])];
  while (queue.length) {
    const id = queue.pop() as number;
    if (line.has(id)) continue;
    line.add(id);
    queue.push(...(reportsOf.get(id) ?? []));
  }
  return line;
}

function matches(rule: Rule, person: Person, named: Set<number>, teams: Map<number, Set<number>>): boolean {
  switch (rule.targetKind) {
    case "everyone":
      return true;
    case "department":
      return person.departmentId !== null && person.departmentId === rule.targetDepartmentId;
    case "job_role":
      return person.jobRole === rule.targetJobRole;
    case "manager_team":
      return rule.targetManagerId !== null && (teams.get(rule.targetManagerId)?.has(person.id) ?? false);
    case "people":
      return named.has(person.id);
  }
}

/**
 * When a newly matching person's clock starts: their join date if they joined after the rule
 * began; otherwise the rule's start for those it matched on the day it was made, and today for
 * someone who comes to match later (a transfer, a new manager).
 */
function assignedOn(rule: Rule, person: Person, today: string): string {
  if (person.joinedOn > rule.startsOn) return person.joinedOn;
  const matchedLater = today > todayIso(rule.createdAt);
  return matchedLater && today > rule.startsOn ? today : rule.startsOn;
}

/**
 * Brings enrolments into line with the rules, for everyone: declarative and retroactive. A person
 * who matches gets one enrolment per course (the earliest due date wins when rules overlap); a
 * person who stops matching has theirs ended, never deleted, so completed history stays.
 */
export function syncEnrolments(db: Db, today = todayIso(), now = new Date()): SyncResult {
  return db.transaction(
    (tx) => {
      const rules = tx
        .select({ rule: assignmentRules })
        .from(assignmentRules)
        .leftJoin(curricula, eq(curricula.id, assignmentRules.curriculumId))
        .where(and(isNull(assignmentRules.removedAt), isNull(curricula.archivedAt)))
        .all()
        .map((r) => r.rule);
      const coursesOf = new Map<number, string[]>();
      for (const row of tx.select().from(curriculumCourses).orderBy(curriculumCourses.position).all()) {
        coursesOf.set(row.curriculumId, [...(coursesOf.get(row.curriculumId) ?? []), row.courseSlug]);
      }
      const people = tx
        .select({ id: users.id, departmentId: users.departmentId, jobRole: users.jobRole, managerId: users.managerId, joinedOn: users.joinedOn })
        .from(users)
        .where(eq(users.active, true))
        .all();
      const reportsOf = new Map<number, number[]>();
      for (const p of people) if (p.managerId !== null) reportsOf.set(p.managerId, [...(reportsOf.get(p.managerId) ?? []), p.id]);
      const teams = new Map<number, Set<number>>();
      for (const rule of rules) if (rule.targetManagerId !== null && !teams.has(rule.targetManagerId)) teams.set(rule.targetManagerId, reportingLine(rule.targetManagerId, reportsOf));
      const namedBy = new Map<number, Set<number>>();
      for (const row of tx.select().from(assignmentRulePeople).all()) namedBy.set(row.ruleId, (namedBy.get(row.ruleId) ?? new Set()).add(row.userId));

      const existing = new Map(tx.select().from(enrolments).all().map((e) => [`${e.userId}:${e.courseSlug}`, e]));
      const desired = new Map<string, Candidate[]>();
      for (const rule of rules) {
        const courses = rule.courseSlug ? [rule.courseSlug] : (coursesOf.get(rule.curriculumId ?? -1) ?? []);
        const named = namedBy.get(rule.id) ?? new Set<number>();
        for (const person of people) {
          if (!matches(rule, person, named, teams)) continue;
          for (const course of courses) {
            const key = `${person.id}:${course}`;
            const current = existing.get(key);
            const start = current && !current.endedAt && current.ruleId === rule.id ? current.assignedOn : assignedOn(rule, person, today);
            const list = desired.get(key) ?? [];
            list.push({ ruleId: rule.id, assignedOn: start, dueOn: addDays(start, rule.dueDays), recertifyMonths: rule.recertifyMonths });
            desired.set(key, list);
          }
        }
      }

      const result: SyncResult = { created: 0, updated: 0, ended: 0 };
      for (const [key, candidates] of desired) {
        const best = candidates.reduce((a, b) => (b.dueOn < a.dueOn ? b : a));
        const current = existing.get(key);
        const [userId, courseSlug] = [Number(key.split(":")[0]), key.slice(key.indexOf(":") + 1)];
        if (!current) {
          tx.insert(enrolments).values({ userId, courseSlug, ...best, createdAt: now }).run();
          result.created += 1;
          continue;
        }
        const target = best;
        const changed = current.endedAt !== null || current.ruleId !== target.ruleId || current.dueOn !== target.dueOn || current.recertifyMonths !== target.recertifyMonths;
        if (!changed) continue;
        const reopened = current.endedAt !== null;
        tx.update(enrolments)
          .set({
            ...target,
            endedAt: null,
            updatedAt: now,
            // A fresh assignment after an ended one starts without the old extension.
            ...(reopened ? { extendedDueOn: null, extensionReason: null } : {}),
          })
          .where(eq(enrolments.id, current.id))
          .run();
        result.updated += 1;
      }
      for (const [key, current] of existing) {
        if (current.endedAt || desired.has(key)) continue;
        tx.update(enrolments).set({ endedAt: now, updatedAt: now }).where(eq(enrolments.id, current.id)).run();
        result.ended += 1;
      }
      return result;
    },
    { behavior: "immediate" },
  );
}
