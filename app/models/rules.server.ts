import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { assignmentRulePeople, assignmentRules, curricula, departments, enrolments, type RuleTarget, users } from "~db/schema";
import type { Db } from "~/utils/db.server";
import { jobRoleLabel } from "~/utils/job-roles";
import { recordAudit } from "./audit.server";
import type { Catalogue } from "./content/catalogue.server";
import { type SyncResult, syncEnrolments } from "./enrolments.server";

export type RuleInput = {
  targetKind: RuleTarget;
  departmentId?: number;
  jobRole?: string;
  managerEmail?: string;
  peopleEmails?: string[];
  curriculumId?: number;
  courseSlug?: string;
  dueDays: number;
  recertifyMonths?: number;
  startsOn: string;
};

export type RuleProblem = { field: string; message: string };

/** The rules in force (and removed ones, for the record), described in words, with how many they assign. */
export function listRules(db: Db, catalogue: Catalogue) {
  const rows = db
    .select({
      rule: assignmentRules,
      departmentName: departments.name,
      managerName: users.name,
      curriculumName: curricula.name,
      enrolled: sql<number>`(select count(*) from ${enrolments} e where e.rule_id = ${assignmentRules.id} and e.ended_at is null)`,
      named: sql<number>`(select count(*) from ${assignmentRulePeople} p where p.rule_id = ${assignmentRules.id})`,
    })
    .from(assignmentRules)
    .leftJoin(departments, eq(departments.id, assignmentRules.targetDepartmentId))
    .leftJoin(users, eq(users.id, assignmentRules.targetManagerId))
    .leftJoin(curricula, eq(curricula.id, assignmentRules.curriculumId))
    .orderBy(desc(assignmentRules.id))
    .all();
  return rows.map((r) => ({
    id: r.rule.id,
    target:
      r.rule.targetKind === "everyone"
        ? "Everyone"
        : r.rule.targetKind === "department"
          ? `Department: ${r.departmentName}`
          : r.rule.targetKind === "job_role"
            ? `Job role: ${jobRoleLabel(r.rule.targetJobRole ?? "")}`
            : r.rule.targetKind === "manager_team"
              ? `${r.managerName}'s team`
              : `${r.named} named ${r.named === 1 ? "person" : "people"}`,
    what: r.curriculumName ? `Curriculum: ${r.curriculumName}` : `Course: ${catalogue.courseBySlug.get(r.rule.courseSlug ?? "")?.meta.title ?? r.rule.courseSlug}`,
    dueDays: r.rule.dueDays,
    recertifyMonths: r.rule.recertifyMonths,
    startsOn: r.rule.startsOn,
    removed: r.rule.removedAt !== null,
    enrolled: r.enrolled,
  }));
}

function emailIds(db: Db, emails: string[]) {
  const lower = emails.map((e) => e.toLowerCase());
  const found = lower.length ? db.select({ id: users.id, email: users.email }).from(users).where(inArray(sql`lower(${users.email})`, lower)).all() : [];
  const known = new Set(found.map((f) => f.email.toLowerCase()));
  return { ids: found.map((f) => f.id), unknown: lower.filter((e) => !known.has(e)) };
}

/** Adds a rule and applies it at once to everyone who matches; later matches follow on every sync. */
export function createRule(db: Db, catalogue: Catalogue, actorId: number, input: RuleInput): { ok: true; id: number; sync: SyncResult } | { ok: false; problems: RuleProblem[] } {
  return db.transaction(
    (tx) => {
      const problems: RuleProblem[] = [];
      let managerId: number | null = null;
      let people: number[] = [];
      if (input.targetKind === "department" && !(input.departmentId && tx.select().from(departments).where(eq(departments.id, input.departmentId)).get()))
        problems.push({ field: "departmentId", message: "Choose a department" });
      if (input.targetKind === "job_role" && !input.jobRole) problems.push({ field: "jobRole", message: "Choose a job role" });
      if (input.targetKind === "manager_team") {
        const found = input.managerEmail ? emailIds(tx, [input.managerEmail]) : { ids: [], unknown: [] };
        if (found.ids.length !== 1) problems.push({ field: "managerEmail", message: "Enter the email of someone in the directory" });
        managerId = found.ids[0] ?? null;
      }
      if (input.targetKind === "people") {
        const found = emailIds(tx, input.peopleEmails ?? []);
        if (found.unknown.length) problems.push({ field: "peopleEmails", message: `Not in the directory: ${found.unknown.join(", ")}` });
        else if (found.ids.length === 0) problems.push({ field: "peopleEmails", message: "Name at least one person by email" });
        people = found.ids;
      }
      if (Boolean(input.curriculumId) === Boolean(input.courseSlug)) problems.push({ field: "what", message: "Choose either a curriculum or a single course" });
      if (input.curriculumId && !tx.select().from(curricula).where(and(eq(curricula.id, input.curriculumId), isNull(curricula.archivedAt))).get())
        problems.push({ field: "curriculumId", message: "Choose a curriculum that is not archived" });
      if (input.courseSlug && !catalogue.courseBySlug.has(input.courseSlug)) problems.push({ field: "courseSlug", message: "Choose a course from the catalogue" });
      if (problems.length) return { ok: false, problems } as const;

      const rule = tx
        .insert(assignmentRules)
        .values({
          targetKind: input.targetKind,
          targetDepartmentId: input.targetKind === "department" ? input.departmentId : null,
          targetJobRole: input.targetKind === "job_role" ? input.jobRole : null,
          targetManagerId: managerId,
          curriculumId: input.curriculumId ?? null,
          courseSlug: input.courseSlug ?? null,
          dueDays: input.dueDays,
          recertifyMonths: input.recertifyMonths ?? null,
          startsOn: input.startsOn,
          createdBy: actorId,
        })
        .returning({ id: assignmentRules.id })
        .get();
      for (const userId of people) tx.insert(assignmentRulePeople).values({ ruleId: rule.id, userId }).run();
      recordAudit(tx, { actorId, action: "rule.create", entityType: "assignment_rule", entityId: rule.id, after: input });
      return { ok: true, id: rule.id, sync: syncEnrolments(tx) } as const;
    },
    { behavior: "immediate" },
  );
}

/** Removing a rule ends the enrolments only it produced; completions and attempts stay. */
export function removeRule(db: Db, actorId: number, id: number): boolean {
  return db.transaction(
    (tx) => {
      const removed = tx.update(assignmentRules).set({ removedAt: new Date() }).where(and(eq(assignmentRules.id, id), isNull(assignmentRules.removedAt))).returning({ id: assignmentRules.id }).get();
      if (!removed) return false;
      recordAudit(tx, { actorId, action: "rule.remove", entityType: "assignment_rule", entityId: id });
      syncEnrolments(tx);
      return true;
    },
    { behavior: "immediate" },
  );
}
