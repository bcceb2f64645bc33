import { z } from "zod";
import type { DbHandle } from "~/utils/db.server";
import { cachedReport } from "./report-cache.server";
import { arrangeTeam, TEAM_SORTS, type TeamMember, teamReport } from "./team-report.server";
import { reportingLineIds } from "./team.server";

export const TEAM_PAGE_SIZE = 25;

// From the address bar: anything odd falls back to the default rather than an error.
export const teamQuerySchema = z.object({
  sort: z.enum(TEAM_SORTS).default("name").catch("name"),
  q: z.string().trim().max(100).optional().catch(undefined),
  overdue: z.enum(["1"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type TeamQuery = z.infer<typeof teamQuerySchema>;

/** Everyone in a manager's reporting line with their counts, reused while nothing has changed. */
function teamMembers(db: DbHandle, managerId: number, now?: Date): TeamMember[] {
  return cachedReport(db, `team:${managerId}`, ["org", "activity"], (at) => teamReport(db, reportingLineIds(db, managerId), at), now);
}

/** The team table for a manager, as the page and the CSV export both show it: every matching row. */
export function teamTable(db: DbHandle, managerId: number, searchParams: URLSearchParams, now?: Date) {
  const query = teamQuerySchema.parse(Object.fromEntries(searchParams));
  const all = teamMembers(db, managerId, now);
  const rows = arrangeTeam(all, { sort: query.sort, q: query.q, onlyOverdue: query.overdue === "1" });
  return { query, rows, all };
}

/** The team page: the totals of the whole line and one page of the table. */
export function teamPage(db: DbHandle, managerId: number, searchParams: URLSearchParams, now?: Date) {
  const { query, rows, all } = teamTable(db, managerId, searchParams, now);
  const pages = Math.max(1, Math.ceil(rows.length / TEAM_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const assigned = all.reduce((n, r) => n + r.assigned, 0);
  const completed = all.reduce((n, r) => n + r.completed, 0);
  return {
    query: { ...query, page },
    pages,
    pageSize: TEAM_PAGE_SIZE,
    matching: rows.length,
    rows: rows.slice((page - 1) * TEAM_PAGE_SIZE, page * TEAM_PAGE_SIZE),
    totals: {
      people: all.length,
      percent: assigned ? Math.round((100 * completed) / assigned) : 100,
      overduePeople: all.filter((r) => r.overdue > 0).length,
      overdue: all.reduce((n, r) => n + r.overdue, 0),
      expiringSoon: all.reduce((n, r) => n + r.expiringSoon, 0),
    },
  };
}
