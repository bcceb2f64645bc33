import { eq } from "drizzle-orm";
import type { Catalogue } from "~/models/content/catalogue.server";
import { saveCurriculum } from "~/models/curricula.server";
import { createRule, type RuleInput } from "~/models/rules.server";
import { addDays } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { curricula, departments, users } from "../schema";

/**
 * Juniper's training plan: the core curriculum for everyone, renewed yearly, and each role's
 * course for the people it is for. Rules began five weeks ago, so some people are already overdue.
 */
export function seedDemoRules(db: Db, catalogue: Catalogue, today: string): boolean {
  if (db.select({ id: curricula.id }).from(curricula).limit(1).get()) return false;
  const admin = db.select({ id: users.id }).from(users).where(eq(users.email, "admin@carelearn.test")).get();
  if (!admin) return false;
  const department = (name: string) => db.select({ id: departments.id }).from(departments).where(eq(departments.name, name)).get()?.id;
  const core = saveCurriculum(db, admin.id, null, {
    name: "Customer care for everyone",
    description: "The welcome and the core course: what every member of staff needs, renewed every year.",
    courses: ["welcome-to-carelearn", "everyone-is-a-customer-care-agent"],
  });
  const startsOn = addDays(today, -35);
  const rules: RuleInput[] = [
    ...(core.ok ? [{ targetKind: "everyone" as const, curriculumId: core.id, dueDays: 30, recertifyMonths: 12, startsOn }] : []),
    { targetKind: "department", departmentId: department("Delivery"), courseSlug: "care-at-the-door", dueDays: 45, startsOn },
    { targetKind: "department", departmentId: department("Clinic"), courseSlug: "care-in-the-clinic", dueDays: 45, startsOn },
    { targetKind: "department", departmentId: department("Customer service centre"), courseSlug: "the-front-line", dueDays: 45, startsOn },
    { targetKind: "job_role", jobRole: "department-manager", courseSlug: "leading-for-the-customer", dueDays: 60, startsOn },
    { targetKind: "job_role", jobRole: "team-leader", courseSlug: "leading-for-the-customer", dueDays: 60, startsOn },
    { targetKind: "people", peopleEmails: ["joseph.kariuki@carelearn.test", "ops.head@carelearn.test"], courseSlug: "leading-for-the-customer", dueDays: 60, startsOn },
    { targetKind: "department", departmentId: department("Finance"), courseSlug: "handoffs-and-escalations", dueDays: 60, startsOn },
    { targetKind: "department", departmentId: department("Warehouse"), courseSlug: "handoffs-and-escalations", dueDays: 60, startsOn },
  ];
  for (const rule of rules) createRule(db, catalogue, admin.id, rule);
  return true;
}
