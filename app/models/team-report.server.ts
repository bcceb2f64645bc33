import { sql } from "drizzle-orm";
import type { Db } from "~/utils/db.server";
import { enrolmentStatuses, idList, isDone, isLate } from "./report-data.server";

export type TeamMember = {
  id: number;
  name: string;
  email: string;
  jobRole: string;
  department: string | null;
  managerName: string | null;
  assigned: number;
  completed: number;
  inProgress: number;
  overdue: number;
  expiringSoon: number;
  percent: number;
  lastActivityAt: Date | null;
  scenarioAverage: number | null;
};

/** One row per person in the reporting line: their assigned work counted by status, and activity. */
export function teamReport(db: Db, memberIds: number[], now = new Date()): TeamMember[] {
  if (memberIds.length === 0) return [];
  const ids = idList(memberIds);
  const people = db.all<{ id: number; name: string; email: string; job_role: string; department: string | null; manager_name: string | null }>(sql`
    select u.id, u.name, u.email, u.job_role, d.name as department, m.name as manager_name
    from users u left join departments d on d.id = u.department_id left join users m on m.id = u.manager_id
    where u.id in (select value from json_each(${ids})) and u.active = 1
    order by u.name`);
  const activity = new Map(
    db
      .all<{ user_id: number; last: number | null }>(sql`
        select user_id, max(at) as last from (
          select user_id, max(updated_at) as at from lesson_progress where user_id in (select value from json_each(${ids})) group by user_id
          union all
          select user_id, max(created_at) from quiz_attempts where user_id in (select value from json_each(${ids})) group by user_id
          union all
          select user_id, max(coalesce(finished_at, started_at)) from scenario_runs where user_id in (select value from json_each(${ids})) group by user_id
        ) group by user_id`)
      .map((r) => [r.user_id, r.last]),
  );
  const scenarios = new Map(
    db
      .all<{ user_id: number; average: number }>(sql`
        select user_id, round(avg(score), 1) as average from scenario_runs
        where status = 'finished' and user_id in (select value from json_each(${ids})) group by user_id`)
      .map((r) => [r.user_id, r.average]),
  );
  const byPerson = new Map<number, ReturnType<typeof enrolmentStatuses>>();
  for (const row of enrolmentStatuses(db, now, { userIds: memberIds, withActivity: true })) {
    const work = byPerson.get(row.userId);
    if (work) work.push(row);
    else byPerson.set(row.userId, [row]);
  }
  return people.map((p) => {
    const work = byPerson.get(p.id) ?? [];
    const completed = work.filter((w) => isDone(w.status)).length;
    const last = activity.get(p.id);
    return {
      id: p.id,
      name: p.name,
      email: p.email,
      jobRole: p.job_role,
      department: p.department,
      managerName: p.manager_name,
      assigned: work.length,
      completed,
      // Started, not finished, not late (a started course due soon is still in progress).
      inProgress: work.filter((w) => w.active && !isDone(w.status) && !isLate(w.status)).length,
      overdue: work.filter((w) => isLate(w.status)).length,
      expiringSoon: work.filter((w) => w.status === "expiring-soon").length,
      percent: work.length ? Math.round((100 * completed) / work.length) : 100,
      lastActivityAt: last ? new Date(last) : null,
      scenarioAverage: scenarios.get(p.id) ?? null,
    };
  });
}

export const TEAM_SORTS = ["name", "percent", "overdue", "activity", "scenario"] as const;
export type TeamSort = (typeof TEAM_SORTS)[number];

/** Sorts and filters the team table as the manager asked. */
export function arrangeTeam(rows: TeamMember[], { sort, q, onlyOverdue }: { sort: TeamSort; q?: string; onlyOverdue?: boolean }): TeamMember[] {
  const needle = q?.toLowerCase();
  const filtered = rows.filter((r) => (!onlyOverdue || r.overdue > 0) && (!needle || r.name.toLowerCase().includes(needle) || r.email.includes(needle)));
  const compare: Record<TeamSort, (a: TeamMember, b: TeamMember) => number> = {
    name: (a, b) => a.name.localeCompare(b.name),
    percent: (a, b) => a.percent - b.percent || a.name.localeCompare(b.name),
    overdue: (a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name),
    activity: (a, b) => (a.lastActivityAt?.getTime() ?? 0) - (b.lastActivityAt?.getTime() ?? 0),
    scenario: (a, b) => (b.scenarioAverage ?? -1) - (a.scenarioAverage ?? -1),
  };
  return [...filtered].sort(compare[sort]);
}
