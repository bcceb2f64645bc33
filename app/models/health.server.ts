import { sql } from "drizzle-orm";
import type { Db } from "~/utils/db.server";

/** A real query against a real table: proves the file is open, readable and migrated. */
export function checkDatabaseHealth(db: Db): boolean {
  try {
    const row = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM departments`);
    return typeof row?.n === "number";
  } catch {
    return false;
  }
}
