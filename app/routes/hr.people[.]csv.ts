import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, toCsv } from "~/models/csv.server";
import { DIRECTORY_CSV_COLUMNS, directoryCsvRows } from "~/models/people-import.server";
import { requireAccess } from "~/utils/auth.server";
import { todayIso } from "~/utils/dates";
import { getDb } from "~/utils/db.server";

/** The people directory as a CSV download (/hr/people.csv), in the import's columns. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, "hr");
  return csvResponse(`carelearn-people-${todayIso()}.csv`, toCsv(DIRECTORY_CSV_COLUMNS, directoryCsvRows(getDb())));
}
