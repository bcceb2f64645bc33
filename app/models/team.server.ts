import { sql } from "drizzle-orm";
import type { Db } from "~/utils/db.server";

/** Everyone in a manager's reporting line: direct and indirect reports, not the manager. */
export function reportingLineIds(db: Db, managerId: number): number[] {
  const rows = db.all<{ id: number }>(sql`
    with recursive line(id) as (
      select id from users where manager_id = ${managerId}
      union
      select u.id from users u join line on u.manager_id = line.id
    )
    select id from line`);
  return rows.map((r) => r.id);
}

/** Whether a viewer may see a person's records: HR and admin see anyone, a manager their reporting line. */
export function canSeePerson(db: Db, viewer: { id: number; accessLevel: string }, personId: number): boolean {
  if (viewer.accessLevel === "hr" || viewer.accessLevel === "admin") return true;
  return reportingLineIds(db, viewer.id).includes(personId);
}
