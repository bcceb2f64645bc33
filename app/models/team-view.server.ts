import { z } from "zod";
import type { Db } from "~/utils/db.server";
import { arrangeTeam, TEAM_SORTS, teamReport } from "./team-report.server";
import { reportingLineIds } from "./team.server";

// From the address bar: anything odd falls back to the default rather than an error.
export const teamQuerySchema = z.object({
  sort: z.enum(TEAM_SORTS).default("name").catch("name"),
  q: z.string().trim().max(100).optional().catch(undefined),
  overdue: z.enum(["1"]).optional().catch(undefined),
});

/** The team table for a manager, as the page and the CSV export both show it. */
export function teamTable(db: Db, managerId: number, searchParams: URLSearchParams, now = new Date()) {
  const query = teamQuerySchema.parse(Object.fromEntries(searchParams));
  const all = teamReport(db, reportingLineIds(db, managerId), now);
  const rows = arrangeTeam(all, { sort: query.sort, q: query.q, onlyOverdue: query.overdue === "1" });
  return { query, rows, all };
}
