import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCatalogue } from "~/models/content/store.server";
import { csvResponse } from "~/models/csv.server";
import { REPORT_TABLES, type ReportTable, reportCsv } from "~/models/org-report-csv.server";
import { currentOrgReport } from "~/models/org-report.server";
import { requireAccess } from "~/utils/auth.server";
import { todayIso } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAccess(request, "hr");
  const table = params.table as ReportTable;
  if (!REPORT_TABLES.includes(table)) notFound(`There is no report table called “${String(params.table).slice(0, 60)}”.`);
  const csv = reportCsv(currentOrgReport(getDb(), await getCatalogue()), table);
  return csvResponse(`${table}-${todayIso()}.csv`, csv);
}
