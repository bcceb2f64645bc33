import { and, asc, count, eq, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type AccessLevel, departments, sessions, users } from "~db/schema";
import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { syncEnrolments } from "./enrolments.server";

export const PAGE_SIZE = 50;

export type PeopleFilter = { q?: string; departmentId?: number; jobRole?: string; managerId?: number; status?: "active" | "inactive" | "all"; page: number };

const manager = alias(users, "manager");

export function listPeople(db: Db, filter: PeopleFilter) {
  const conditions: SQL[] = [];
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(sql`${users.name} like ${pattern} escape '\\'`, sql`${users.email} like ${pattern} escape '\\'`) as SQL);
  }
  if (filter.departmentId) conditions.push(eq(users.departmentId, filter.departmentId));
  if (filter.jobRole) conditions.push(eq(users.jobRole, filter.jobRole));
  if (filter.managerId) conditions.push(eq(users.managerId, filter.managerId));
  if (filter.status !== "all") conditions.push(eq(users.active, filter.status !== "inactive"));
  const where = conditions.length ? and(...conditions) : undefined;
  const total = db.select({ n: count() }).from(users).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      jobRole: users.jobRole,
      accessLevel: users.accessLevel,
      active: users.active,
      department: departments.name,
      managerName: manager.name,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .leftJoin(manager, eq(manager.id, users.managerId))
    .where(where)
    .orderBy(asc(users.name), asc(users.id))
    .limit(PAGE_SIZE)
    .offset((filter.page - 1) * PAGE_SIZE)
    .all();
  return { rows, total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export function allDepartments(db: Db) {
  return db.select({ id: departments.id, name: departments.name }).from(departments).orderBy(departments.name).all();
}

/** People who manage someone, for the manager filter. */
export function managers(db: Db) {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(sql`exists (select 1 from users r where r.manager_id = ${users.id})`)
    .orderBy(users.name)
    .all();
}

export function findPerson(db: Db, id: number) {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      jobRole: users.jobRole,
      departmentId: users.departmentId,
      accessLevel: users.accessLevel,
      active: users.active,
      joinedOn: users.joinedOn,
      managerEmail: manager.email,
      managerId: users.managerId,
    })
    .from(users)
    .leftJoin(manager, eq(manager.id, users.managerId))
    .where(eq(users.id, id))
    .get();
}

export type PersonInput = {
  name: string;
  email: string;
  jobRole: string;
  departmentId: number | null;
  managerEmail: string | null;
  accessLevel: AccessLevel;
  joinedOn: string;
};

export type PersonProblem = { field: keyof PersonInput; message: string };

/** Would making `managerId` the manager of `personId` make someone their own manager? */
function createsCycle(db: Db, personId: number, managerId: number): boolean {
  const row = db.get<{ hit: number }>(sql`
    with recursive chain(id) as (select ${managerId} union select u.manager_id from users u join chain on u.id = chain.id where u.manager_id is not null)
    select count(*) as hit from chain where id = ${personId}`);
  return (row?.hit ?? 0) > 0;
}

/** Checks a person's details against the directory; returns problems by field (empty when sound). */
function checkPerson(db: Db, actorLevel: AccessLevel, input: PersonInput, personId: number | null, currentLevel: AccessLevel | null): { problems: PersonProblem[]; managerId: number | null } {
  const problems: PersonProblem[] = [];
  const clash = db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${input.email.toLowerCase()}`).get();
  if (clash && clash.id !== personId) problems.push({ field: "email", message: "Someone else already has this email address" });
  const elevated = (level: AccessLevel | null) => level === "hr" || level === "admin";
  if (actorLevel !== "admin" && (elevated(input.accessLevel) || elevated(currentLevel)) && input.accessLevel !== currentLevel)
    problems.push({ field: "accessLevel", message: "Only an administrator can grant or remove HR or admin access" });
  let managerId: number | null = null;
  if (input.managerEmail) {
    const found = db.select({ id: users.id, active: users.active }).from(users).where(sql`lower(${users.email}) = ${input.managerEmail.toLowerCase()}`).get();
    if (!found) problems.push({ field: "managerEmail", message: "No one in the directory has this email address" });
    else if (personId !== null && (found.id === personId || createsCycle(db, personId, found.id)))
      problems.push({ field: "managerEmail", message: "That would make this person their own manager, through the reporting line" });
    else managerId = found.id;
  }
  if (input.departmentId !== null && !db.select({ id: departments.id }).from(departments).where(eq(departments.id, input.departmentId)).get())
    problems.push({ field: "departmentId", message: "Choose a department from the list" });
  return { problems, managerId };
}

export function createPerson(db: Db, actor: { id: number; accessLevel: AccessLevel }, input: PersonInput): { ok: true; id: number } | { ok: false; problems: PersonProblem[] } {
  return db.transaction(
    (tx) => {
      const { problems, managerId } = checkPerson(tx, actor.accessLevel, input, null, null);
      if (problems.length) return { ok: false, problems } as const;
      const { managerEmail: _m, ...fields } = input;
      const created = tx
        .insert(users)
        .values({ ...fields, email: input.email.toLowerCase(), managerId })
        .returning({ id: users.id })
        .get();
      recordAudit(tx, { actorId: actor.id, action: "person.create", entityType: "user", entityId: created.id, after: { ...fields, managerEmail: input.managerEmail } });
      syncEnrolments(tx);
      return { ok: true, id: created.id } as const;
    },
    { behavior: "immediate" },
  );
}

export function updatePerson(db: Db, actor: { id: number; accessLevel: AccessLevel }, id: number, input: PersonInput): { ok: true } | { ok: false; problems: PersonProblem[] } {
  return db.transaction(
    (tx) => {
      const before = findPerson(tx, id);
      if (!before) return { ok: false, problems: [{ field: "email", message: "This person no longer exists" }] } as const;
      if (actor.id === id && input.accessLevel !== before.accessLevel)
        return { ok: false, problems: [{ field: "accessLevel", message: "You cannot change your own access level" }] } as const;
      const { problems, managerId } = checkPerson(tx, actor.accessLevel, input, id, before.accessLevel);
      if (problems.length) return { ok: false, problems } as const;
      const { managerEmail: _m, ...fields } = input;
      tx.update(users)
        .set({ ...fields, email: input.email.toLowerCase(), managerId, updatedAt: new Date() })
        .where(eq(users.id, id))
        .run();
      recordAudit(tx, { actorId: actor.id, action: "person.update", entityType: "user", entityId: id, before, after: { ...fields, managerEmail: input.managerEmail } });
      syncEnrolments(tx);
      return { ok: true } as const;
    },
    { behavior: "immediate" },
  );
}

/** Deactivating never deletes: history stays, sign-in stops and sessions end at once. */
export function setPersonActive(db: Db, actor: { id: number }, id: number, active: boolean): "done" | "self" | "missing" {
  if (actor.id === id && !active) return "self";
  return db.transaction(
    (tx) => {
      const before = tx.select({ active: users.active }).from(users).where(eq(users.id, id)).get();
      if (!before) return "missing" as const;
      tx.update(users).set({ active, updatedAt: new Date() }).where(eq(users.id, id)).run();
      if (!active) tx.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.userId, id), sql`${sessions.revokedAt} is null`)).run();
      recordAudit(tx, { actorId: actor.id, action: active ? "person.reactivate" : "person.deactivate", entityType: "user", entityId: id, before, after: { active } });
      syncEnrolments(tx);
      return "done" as const;
    },
    { behavior: "immediate" },
  );
}
