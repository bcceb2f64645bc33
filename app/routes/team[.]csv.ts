import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, toCsv } from "~/models/csv.server";
import { teamTable } from "~/models/team-view.server";
import { requireManager } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

/** The team table as CSV, with the same filters and sort as the page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireManager(request);
  const { rows } = teamTable(getDb(), user.id, new URL(request.url).searchParams);
  const csv = toCsv(
    [
      { key: "name", header: "name" },
      { key: "email", header: "email" },
      { key: "jobRole", header: "job_role" },
      { key: "department", header: "department" },
      { key: "assigned", header: "assigned" },
      { key: "completed", header: "completed" },
      { key: "inProgress", header: "in_progress" },
      { key: "overdue", header: "overdue" },
      { key: "expiringSoon", header: "expiring_soon" },
      { key: "percent", header: "percent_complete" },
      { key: "lastActivityAt", header: "last_activity" },
      { key: "scenarioAverage", header: "role_play_average" },
    ],
    rows,
  );
  return csvResponse("team.csv", csv);
}
