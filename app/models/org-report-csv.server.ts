import { toCsv } from "./csv.server";
import type { OrgReport } from "./org-report.server";

export const REPORT_TABLES = ["coverage", "coverage-trend", "curriculum-departments", "curriculum-roles", "overdue"] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

/** Every table on /hr/reports as CSV, with the same figures as the page. */
export function reportCsv(report: OrgReport, table: ReportTable): string {
  switch (table) {
    case "coverage":
      return toCsv(
        [
          { key: "department", header: "department" },
          { key: "people", header: "people" },
          { key: "covered", header: "with_valid_core_completion" },
          { key: "percent", header: "coverage_percent" },
        ],
        report.coverage.byDepartment.map(({ trend: _t, ...row }) => row),
      );
    case "coverage-trend":
      return toCsv(
        [
          { key: "weekEnding", header: "week_ending" },
          { key: "percent", header: "coverage_percent" },
        ],
        report.coverage.trend,
      );
    case "curriculum-departments":
    case "curriculum-roles":
      return toCsv(
        [
          { key: "curriculum", header: "curriculum" },
          { key: "group", header: table === "curriculum-departments" ? "department" : "job_role" },
          { key: "people", header: "people_assigned" },
          { key: "completed", header: "completed" },
          { key: "percent", header: "percent" },
        ],
        report.curricula.flatMap((c) => (table === "curriculum-departments" ? c.byDepartment : c.byJobRole).map((row) => ({ curriculum: c.name, ...row }))),
      );
    case "overdue":
      return toCsv(
        [
          { key: "name", header: "name" },
          { key: "email", header: "email" },
          { key: "department", header: "department" },
          { key: "jobRole", header: "job_role" },
          { key: "course", header: "course" },
          { key: "status", header: "status" },
          { key: "dueOn", header: "due_on" },
          { key: "daysLate", header: "days_late" },
        ],
        report.overdue,
      );
  }
}
