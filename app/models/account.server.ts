import { eq } from "drizzle-orm";
import { departments, users } from "~db/schema";
import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { hashPassword, verifyPassword } from "./password.server";
import { revokeOtherSessions } from "./session.server";

export function accountDetails(db: Db, userId: number) {
  const manager = db.select({ id: users.id, name: users.name }).from(users).as("manager");
  return db
    .select({ name: users.name, email: users.email, jobRole: users.jobRole, joinedOn: users.joinedOn, department: departments.name, managerName: manager.name })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .leftJoin(manager, eq(manager.id, users.managerId))
    .where(eq(users.id, userId))
    .get();
}

/**
 * Changes a password after checking the current one, and signs the person out everywhere else:
 * whoever may have learnt the old password loses their session with it.
 */
export async function changePassword(db: Db, userId: number, current: string, next: string, keepToken: string | null): Promise<"changed" | "wrong-current"> {
  const row = db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)).get();
  if (!row?.hash || !(await verifyPassword(current, row.hash))) return "wrong-current";
  const hash = await hashPassword(next);
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash: hash, updatedAt: new Date() }).where(eq(users.id, userId)).run();
    revokeOtherSessions(tx, userId, keepToken);
    recordAudit(tx, { actorId: userId, action: "user.password-changed", entityType: "user", entityId: userId });
  });
  return "changed";
}
