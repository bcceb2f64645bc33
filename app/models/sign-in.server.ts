import { sql } from "drizzle-orm";
import { users } from "~db/schema";
import type { Db } from "~/utils/db.server";
import { decoyPasswordHash, verifyPassword } from "./password.server";

export type SignInResult = { ok: true; userId: number } | { ok: false };

/**
 * Checks an email and password. Unknown email, wrong password and deactivated account all
 * give the same answer after the same work, so the form reveals nothing about who exists.
 */
export async function checkCredentials(db: Db, email: string, password: string): Promise<SignInResult> {
  const user = db
    .select({ id: users.id, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
    .get();
  const hash = user?.passwordHash ?? (await decoyPasswordHash());
  const matches = await verifyPassword(password, hash);
  if (!user || !user.passwordHash || !user.active || !matches) return { ok: false };
  return { ok: true, userId: user.id };
}
