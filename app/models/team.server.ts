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
