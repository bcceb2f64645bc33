import type { DbHandle } from "~/utils/db.server";
import { jobRoleLabel } from "~/utils/job-roles";
import { dueAt } from "./assignments.server";
import type { Catalogue } from "./content/catalogue.server";
import { listCurricula } from "./curricula.server";
import { cachedReport } from "./report-cache.server";
import { type OrgFacts, orgFacts, type Person } from "./org-facts.server";
import { isDone, isLate, statusesAt } from "./report-data.server";
import { DAY_MS } from "~/utils/dates";

export type GroupRow = { group: string; people: number; completed: number; percent: number };

function percent(part: number, whole: number): number {
  return whole ? Math.round((1000 * part) / whole) / 10 : 0;
}

function groupRows(entries: Array<{ group: string; done: boolean }>): GroupRow[] {
  const groups = new Map<string, { people: number; completed: number }>();
  for (const e of entries) {
    const g = groups.get(e.group) ?? { people: 0, completed: 0 };
    g.people += 1;
    if (e.done) g.completed += 1;
    groups.set(e.group, g);
  }
  return [...groups].map(([group, g]) => ({ group, ...g, percent: percent(g.completed, g.people) })).sort((a, b) => a.group.localeCompare(b.group));
}

/**
 * The organisation's training picture for HR: completion of each curriculum by department and job
 * role, the overdue list, and care coverage — the share of each department holding a valid
 * completion of the core course — now and at each of the last 12 week-ends.
 */
export function orgReport(db: DbHandle, catalogue: Catalogue, now = new Date()) {
  const core = catalogue.courses.find((c) => c.meta.core) ?? null;
  const facts = orgFacts(db, core?.slug ?? null);
  const staff = facts.people;
  const statuses = statusesAt(now, [...staff.keys()].flatMap((id) => facts.enrolments.get(id) ?? []));
  const byPerson = new Map<number, Map<string, (typeof statuses)[number]>>();
  for (const s of statuses) byPerson.set(s.userId, (byPerson.get(s.userId) ?? new Map()).set(s.courseSlug, s));

  const curricula = listCurricula(db)
    .filter((c) => !c.archivedAt)
    .map((c) => {
      // A person counts for a curriculum when any of its courses is assigned to them, and has
      // completed it when every one assigned to them is done.
      const entries = [...byPerson].flatMap(([userId, courses]) => {
        const assigned = c.courses.map((slug) => courses.get(slug)).filter((x) => x !== undefined);
        if (assigned.length === 0) return [];
        const person = staff.get(userId)!;
        return [{ person, done: assigned.every((a) => isDone(a.status)) }];
      });
      return {
        id: c.id,
        name: c.name,
        people: entries.length,
        completed: entries.filter((e) => e.done).length,
        byDepartment: groupRows(entries.map((e) => ({ group: e.person.department, done: e.done }))),
        byJobRole: groupRows(entries.map((e) => ({ group: jobRoleLabel(e.person.jobRole), done: e.done }))),
      };
    });

  const overdue = statuses
    .filter((s) => isLate(s.status))
    .map((s) => {
      const person = staff.get(s.userId)!;
      const due = s.status === "expired" && s.expiresAt ? s.expiresAt.toISOString().slice(0, 10) : s.dueOn;
      return {
        userId: s.userId,
        name: person.name,
        email: person.email,
        department: person.department,
        jobRole: jobRoleLabel(person.jobRole),
        course: catalogue.courseBySlug.get(s.courseSlug)?.meta.title ?? s.courseSlug,
        status: s.status,
        dueOn: due,
        daysLate: Math.max(0, Math.floor((now.getTime() - dueAt(due).getTime()) / DAY_MS) + 1),
      };
    })
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.name.localeCompare(b.name));

  return { asOf: now, curricula, overdue, coverage: careCoverage(core?.meta.title ?? null, facts, now) };
}

function careCoverage(courseTitle: string | null, facts: OrgFacts, now: Date) {
  const weeks = Array.from({ length: 12 }, (_, i) => new Date(now.getTime() - (11 - i) * 7 * DAY_MS));
  // The moments asked about: the 12 week-ends (the last is now).
  const moments = weeks.map((w) => w.getTime());
  // One bit per moment for each person: covered then or not.
  const covered = new Map<number, number>();
  for (const [userId, completions] of facts.core) {
    let bits = 0;
    for (const [from, to] of completions) {
      moments.forEach((t, i) => {
        if (from <= t && (to === null || t < to)) bits |= 1 << i;
      });
    }
    if (bits) covered.set(userId, bits);
  }
  const share = (members: Person[], i: number) => percent(members.filter((p) => ((covered.get(p.id) ?? 0) >> i) & 1).length, members.length);
  const last = moments.length - 1;
  const everyone = [...facts.people.values()];
  const byDepartment = new Map<string, Person[]>();
  for (const p of everyone) {
    const members = byDepartment.get(p.department);
    if (members) members.push(p);
    else byDepartment.set(p.department, [p]);
  }
  return {
    courseTitle,
    overall: share(everyone, last),
    byDepartment: [...byDepartment.keys()].sort().map((department) => {
      const members = byDepartment.get(department)!;
      const coveredNow = members.filter((p) => ((covered.get(p.id) ?? 0) >> last) & 1).length;
      return { department, people: members.length, covered: coveredNow, percent: percent(coveredNow, members.length), trend: moments.map((_, i) => share(members, i)) };
    }),
    trend: weeks.map((w, i) => ({ weekEnding: w.toISOString().slice(0, 10), percent: share(everyone, i) })),
  };
}

export type OrgReport = ReturnType<typeof orgReport>;

/** The organisation's report as HR's page and exports show it, reused while nothing has changed. */
export function currentOrgReport(db: DbHandle, catalogue: Catalogue, now?: Date): OrgReport {
  // The catalogue is part of the key: a course folder edited in development changes the report.
  const key = `org:${catalogue.courses.map((c) => c.version).join(",")}`;
  return cachedReport(db, key, ["org"], (at) => orgReport(db, catalogue, at), now);
}
