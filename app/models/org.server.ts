import { count, eq, sql } from "drizzle-orm";
import { departments, users } from "~db/schema";
import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

export function hasAnyUser(db: Db): boolean {
  return Boolean(db.select({ id: users.id }).from(users).limit(1).get());
}

export function hasAdmin(db: Db): boolean {
  return Boolean(db.select({ id: users.id }).from(users).where(eq(users.accessLevel, "admin")).limit(1).get());
}

export function findUserIdByEmail(db: Db, email: string): number | undefined {
  return db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
    .get()?.id;
}

export type FirstAdmin = { name: string; email: string; jobRole: string; passwordHash: string };

/**
 * Creates the first administrator, once. Returns null when an admin already exists, checked
 * inside the same transaction so two simultaneous set-ups cannot both succeed.
 */
export function createFirstAdmin(db: Db, admin: FirstAdmin, today: string): number | null {
  return db.transaction((tx) => {
    if (hasAdmin(tx)) return null;
    const inserted = tx
      .insert(users)
      .values({
        email: admin.email.trim().toLowerCase(),
        name: admin.name.trim(),
        jobRole: admin.jobRole,
        accessLevel: "admin",
        joinedOn: today,
        passwordHash: admin.passwordHash,
      })
      .returning({ id: users.id })
      .get();
    recordAudit(tx, {
      actorId: inserted.id,
      action: "setup.first-admin",
      entityType: "user",
      entityId: inserted.id,
      after: { email: admin.email, name: admin.name },
    });
    return inserted.id;
  });
}

/** Active and inactive headcount by department, largest first. */
export function headcountByDepartment(db: Db) {
  return db
    .select({
      department: sql<string>`coalesce(${departments.name}, 'No department')`,
      active: sql<number>`sum(case when ${users.active} then 1 else 0 end)`,
      total: count(users.id),
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .groupBy(departments.name)
    .orderBy(sql`2 desc`)
    .all();
}
