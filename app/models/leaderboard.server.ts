/**
 * The live boards: people and teams (departments, managers' reporting lines) for a window,
 * read from the per-period totals and kept in a small in-process cache that is current while
 * the ledger and the leaderboard revision are unchanged. See docs/decisions/007-leaderboards.md.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { courseCompletions, departments, enrolments, type LeaderboardVisibility, leaderboardPoints, leaderboardTotals, users } from "~db/schema";
import type { Db } from "~/utils/db.server";
import { preparedQuery } from "~/utils/prepared.server";
import { type Window, type WindowKind, windowAt } from "~/utils/time-zone";
import type { Catalogue } from "./content/catalogue.server";
import { isAudience } from "./learner.server";
import { bumpLeaderboardRevision, type LeaderboardMode, type LeaderboardState, leaderboardState } from "./leaderboard-settings.server";
import { dueAt } from "./assignments.server";
import { POINTS, SCENARIO_POINTS_MAX } from "./leaderboard-points.server";

/** Teams smaller than this are not ranked: per head is noisy, and one person's score would show. */
export const MIN_TEAM_SIZE = 3;
export const TOP_PEOPLE = 10;
export const TOP_TEAMS = 10;
const NEIGHBOURS = 2;

export type Person = {
  id: number;
  name: string;
  visibility: LeaderboardVisibility;
  departmentId: number | null;
  jobRole: string;
  managerId: number | null;
};

export type Directory = {
  /** Active people only: they are the ones who appear and count. */
  people: Map<number, Person>;
  departments: Map<number, string>;
  /** Each active manager's reporting line (direct and indirect, active people only). */
  lines: Map<number, number[]>;
  roles: string[];
};

export type PersonScore = { userId: number; points: number; rank: number };
export type TeamRow = { id: number; label: string; members: number; total: number; perHead: number; rank: number };
export type Board = { people: PersonScore[]; departments: TeamRow[]; managers: TeamRow[] };

/** Everyone, their department and reporting line, in two queries. */
export function loadDirectory(db: Db): Directory {
  const rows = db
    .select({
      id: users.id,
      name: users.name,
      visibility: users.leaderboardVisibility,
      departmentId: users.departmentId,
      jobRole: users.jobRole,
      managerId: users.managerId,
      active: users.active,
    })
    .from(users)
    .all();
  const managerOf = new Map(rows.map((r) => [r.id, r.managerId]));
  const people = new Map<number, Person>();
  const lines = new Map<number, number[]>();
  const roles = new Set<string>();
  for (const { active, ...person } of rows) {
    if (!active) continue;
    people.set(person.id, person);
    roles.add(person.jobRole);
    // Count this person in every manager above them (an inactive manager's line still counts upward).
    const seen = new Set<number>([person.id]);
    for (let m = person.managerId; m !== null && m !== undefined && !seen.has(m); m = managerOf.get(m) ?? null) {
      seen.add(m);
      const line = lines.get(m);
      if (line) line.push(person.id);
      else lines.set(m, [person.id]);
    }
  }
  for (const managerId of [...lines.keys()]) if (!people.has(managerId)) lines.delete(managerId);
  const departmentNames = new Map(db.select({ id: departments.id, name: departments.name }).from(departments).all().map((d) => [d.id, d.name]));
  return { people, departments: departmentNames, lines, roles: [...roles].sort() };
}

/** Each person's points in a period. */
export function readTotals(db: Db, period: string): Map<number, number> {
  const rows = db.select({ userId: leaderboardTotals.userId, points: leaderboardTotals.points }).from(leaderboardTotals).where(eq(leaderboardTotals.period, period)).all();
  return new Map(rows.map((r) => [r.userId, r.points]));
}

/** Standard competition ranking (1, 2, 2, 4) over a list sorted best first. */
function ranked<T>(sorted: T[], score: (item: T) => number): Array<T & { rank: number }> {
  let rank = 0;
  let previous: number | null = null;
  return sorted.map((item, index) => {
    const value = score(item);
    if (value !== previous) rank = index + 1;
    previous = value;
    return { ...item, rank };
  });
}

/** People by points; ties share a place and are listed in a fixed order that reveals nothing. */
export function rankPeople(scores: Array<{ userId: number; points: number }>): PersonScore[] {
  return ranked(
    scores.filter((s) => s.points > 0).sort((a, b) => b.points - a.points || a.userId - b.userId),
    (s) => s.points,
  );
}

function teamRows(groups: Array<{ id: number; label: string; members: number[] }>, totals: Map<number, number>): TeamRow[] {
  const rows = groups
    .filter((g) => g.members.length >= MIN_TEAM_SIZE)
    .map((g) => {
      const total = g.members.reduce((sum, id) => sum + (totals.get(id) ?? 0), 0);
      // Everyone counts towards the head count, hidden or not, scoring or not.
      return { id: g.id, label: g.label, members: g.members.length, total, perHead: total / g.members.length };
    })
    .sort((a, b) => b.perHead - a.perHead || b.total - a.total || a.label.localeCompare(b.label));
  return ranked(rows, (r) => r.perHead);
}

/** The boards for one period, from the directory and that period's totals. */
export function computeBoard(directory: Directory, totals: Map<number, number>): Board {
  const people = rankPeople([...directory.people.keys()].map((userId) => ({ userId, points: totals.get(userId) ?? 0 })));
  const byDepartment = new Map<number, number[]>();
  for (const p of directory.people.values()) {
    if (p.departmentId === null) continue;
    const list = byDepartment.get(p.departmentId);
    if (list) list.push(p.id);
    else byDepartment.set(p.departmentId, [p.id]);
  }
  const departmentsBoard = teamRows(
    [...byDepartment].map(([id, members]) => ({ id, label: directory.departments.get(id) ?? "Unknown department", members })),
    totals,
  );
  const managersBoard = teamRows(
    [...directory.lines].map(([id, members]) => ({ id, label: teamLabel(directory.people.get(id)?.name ?? "A manager"), members })),
    totals,
  );
  return { people, departments: departmentsBoard, managers: managersBoard };
}

export function teamLabel(managerName: string): string {
  return `${managerName}'s team`;
}

const TITLES = /^(dr|mr|mrs|ms|mx|miss|prof|sir|dame)\.?\s+/i;

/** "Tom Okello" → "T. O."; titles are skipped ("Dr Miriam Osei" → "M. O."). */
export function initialsOf(name: string): string {
  const words = name.replace(TITLES, "").trim().split(/\s+/).filter(Boolean);
  const letters = [words[0], words.length > 1 ? words[words.length - 1] : undefined].filter((w): w is string => Boolean(w)).map((w) => `${[...w][0]?.toUpperCase()}.`);
  return letters.length ? letters.join(" ") : "?";
}

export const HIDDEN_LABEL = "A colleague";
const STRICTNESS: Record<LeaderboardVisibility, number> = { name: 0, initials: 1, hidden: 2 };

/** The stricter of two privacy choices (a published board honours both the old and the current one). */
export function stricter(a: LeaderboardVisibility, b: LeaderboardVisibility): LeaderboardVisibility {
  return STRICTNESS[a] >= STRICTNESS[b] ? a : b;
}

/** How a person appears to others on a board, by their own choice. */
export function publicLabel(name: string, visibility: LeaderboardVisibility): string {
  if (visibility === "name") return name;
  if (visibility === "initials") return initialsOf(name);
  return HIDDEN_LABEL;
}

// --- The cache -------------------------------------------------------------------------------

/** A cache entry is rebuilt after this long whatever happens (people move between teams, leave). */
const MAX_AGE_MS = 10_000;
/** New points alone rebuild a board at most this often; a person's own figures are always fresh. */
const MIN_REBUILD_MS = 1_000;

type Stamped<T> = { lastPointId: number; rest: string; builtAt: number; value: T };
type PeriodEntry = {
  board: Board;
  cohorts: Map<string, PersonScore[]>;
  /** Where each person sits in a list, built on first use: a page needs one lookup, not a scan. */
  positions: WeakMap<PersonScore[], Map<number, number>>;
  teamAt: { departments: Map<number, number>; managers: Map<number, number> };
};

const cache: { directory: Stamped<Directory> | null; periods: Map<string, Stamped<PeriodEntry>> } = { directory: null, periods: new Map() };

function restOf(state: LeaderboardState): string {
  return `${state.revision}:${state.mode}:${state.timeZone}`;
}

function fresh<T>(entry: Stamped<T> | null | undefined, state: LeaderboardState, now: number, followsPoints: boolean): entry is Stamped<T> {
  if (!entry || entry.rest !== restOf(state) || now - entry.builtAt >= MAX_AGE_MS) return false;
  return !followsPoints || entry.lastPointId === state.lastPointId || now - entry.builtAt < MIN_REBUILD_MS;
}

/** Forgets every cached board (tests; and after a recount). */
export function clearLeaderboardCache(): void {
  cache.directory = null;
  cache.periods.clear();
}

function cachedDirectory(db: Db, state: LeaderboardState, now: number): Directory {
  if (fresh(cache.directory, state, now, false)) return cache.directory.value;
  const value = loadDirectory(db);
  cache.directory = { lastPointId: state.lastPointId, rest: restOf(state), builtAt: now, value };
  return value;
}

function cachedPeriod(db: Db, state: LeaderboardState, period: string, now: number): PeriodEntry {
  const hit = cache.periods.get(period);
  if (fresh(hit, state, now, true)) return hit.value;
  const board = computeBoard(cachedDirectory(db, state, now), readTotals(db, period));
  const value: PeriodEntry = {
    board,
    cohorts: new Map(),
    positions: new WeakMap(),
    teamAt: { departments: new Map(board.departments.map((t, i) => [t.id, i])), managers: new Map(board.managers.map((t, i) => [t.id, i])) },
  };
  if (cache.periods.size >= 16) cache.periods.delete(cache.periods.keys().next().value as string);
  cache.periods.set(period, { lastPointId: state.lastPointId, rest: restOf(state), builtAt: now, value });
  return value;
}

function cohortOf(entry: PeriodEntry, directory: Directory, role: string | null): PersonScore[] {
  if (!role) return entry.board.people;
  let list = entry.cohorts.get(role);
  if (!list) {
    list = rankPeople(entry.board.people.filter((p) => directory.people.get(p.userId)?.jobRole === role));
    entry.cohorts.set(role, list);
  }
  return list;
}

// --- What a page shows -------------------------------------------------------------------------

/** A place on a board; null for someone with no points yet (the viewer, shown below the board). */
export type PersonRow = { rank: number | null; label: string; points: number; you: boolean };
export type TeamView = TeamRow & { yours: boolean };
export type Standing = {
  points: number;
  rank: number | null;
  /** How many people are on the board (have points in the window). */
  of: number;
  /** The smallest gain that moves the viewer up a place, and the place it brings. */
  nextUp: { points: number; rank: number; label: string } | null;
};

export type LeaderboardView = {
  mode: LeaderboardMode;
  timeZone: string;
  window: Window;
  role: string | null;
  roles: string[];
  people: { top: PersonRow[]; around: PersonRow[]; standing: Standing } | null;
  /** How the viewer appears to others. */
  visibility: LeaderboardVisibility;
  departments: { rows: TeamView[]; mine: TeamView[]; count: number };
  managers: { rows: TeamView[]; mine: TeamView[]; count: number };
  ownPoints: number;
};

/** A viewer's own points in a period, read fresh (never from the cache). */
// The board's per-viewer queries run on every view, so they are built once (app/utils/prepared.server.ts).
const viewerQueries = (db: Db) => ({
  ownPoints: db
    .select({ points: leaderboardTotals.points })
    .from(leaderboardTotals)
    .where(and(eq(leaderboardTotals.period, sql.placeholder("period")), eq(leaderboardTotals.userId, sql.placeholder("userId"))))
    .prepare(),
  // The soonest-due assigned course never completed.
  nextCourse: db
    .select({ courseSlug: enrolments.courseSlug, dueOn: sql<string>`coalesce(${enrolments.extendedDueOn}, ${enrolments.dueOn})` })
    .from(enrolments)
    .where(
      and(
        eq(enrolments.userId, sql.placeholder("userId")),
        isNull(enrolments.endedAt),
        sql`not exists (select 1 from ${courseCompletions} c where c.user_id = ${enrolments.userId} and c.course_slug = ${enrolments.courseSlug})`,
      ),
    )
    .orderBy(sql`2`)
    .limit(1)
    .prepare(),
  passedScenarios: db
    .select({ scenarioId: leaderboardPoints.scenarioId })
    .from(leaderboardPoints)
    .where(and(eq(leaderboardPoints.userId, sql.placeholder("userId")), eq(leaderboardPoints.kind, "scenario_pass")))
    .prepare(),
});

export function ownPoints(db: Db, userId: number, period: string): number {
  return preparedQuery(db, "leaderboard-viewer", viewerQueries).ownPoints.get({ period, userId })?.points ?? 0;
}

function positionIn(entry: PeriodEntry, list: PersonScore[], userId: number): number {
  let positions = entry.positions.get(list);
  if (!positions) entry.positions.set(list, (positions = new Map(list.map((p, i) => [p.userId, i]))));
  return positions.get(userId) ?? -1;
}

/** The board with the viewer at their current points, in their place (usually the cached one as it is). */
function withViewer(entry: PeriodEntry, list: PersonScore[], viewerId: number, points: number, inCohort: boolean): { list: PersonScore[]; index: number } {
  const at = positionIn(entry, list, viewerId);
  if ((list[at]?.points ?? 0) === (inCohort ? points : 0)) return { list, index: at };
  const others = list.filter((p) => p.userId !== viewerId).map(({ userId, points: p }) => ({ userId, points: p }));
  if (inCohort && points > 0) others.push({ userId: viewerId, points });
  const fresh = rankPeople(others);
  return { list: fresh, index: fresh.findIndex((p) => p.userId === viewerId) };
}

function teamsView(rows: TeamRow[], at: Map<number, number>, mine: Set<number>): { rows: TeamView[]; mine: TeamView[]; count: number } {
  const top = rows.slice(0, TOP_TEAMS).map((r) => ({ ...r, yours: mine.has(r.id) }));
  const below = [...mine]
    .map((id) => at.get(id))
    .filter((i): i is number => i !== undefined && i >= TOP_TEAMS)
    .sort((a, b) => a - b)
    .map((i) => ({ ...(rows[i] as TeamRow), yours: true }));
  return { rows: top, mine: below, count: rows.length };
}

/**
 * A viewer's leaderboard page: the top of the people board, the viewer's own place with their
 * neighbours and what it takes to move up, and the team boards with the viewer's teams marked.
 */
export function leaderboardView(db: Db, input: { viewerId: number; window: WindowKind; role: string | null; now?: Date; state?: LeaderboardState }): LeaderboardView {
  const now = (input.now ?? new Date()).getTime();
  const state = input.state ?? leaderboardState(db);
  const window = windowAt(input.window, now, state.timeZone);
  const directory = cachedDirectory(db, state, now);
  const entry = cachedPeriod(db, state, window.key, now);
  const viewer = directory.people.get(input.viewerId);
  const own = ownPoints(db, input.viewerId, window.key);
  const role = input.role && directory.roles.includes(input.role) ? input.role : null;

  let people: LeaderboardView["people"] = null;
  if (state.mode === "on") {
    const inCohort = !role || viewer?.jobRole === role;
    const { list, index } = withViewer(entry, cohortOf(entry, directory, role), input.viewerId, own, inCohort);
    const row = (p: PersonScore): PersonRow => {
      const person = directory.people.get(p.userId);
      const you = p.userId === input.viewerId;
      return { rank: p.rank, points: p.points, you, label: you ? `${person?.name ?? "You"} (you)` : publicLabel(person?.name ?? "", person?.visibility ?? "hidden") };
    };
    const top = list.slice(0, TOP_PEOPLE).map(row);
    let around = index >= TOP_PEOPLE ? list.slice(Math.max(TOP_PEOPLE, index - NEIGHBOURS), index + NEIGHBOURS + 1).map(row) : [];
    // Not on the board yet: the viewer sees the foot of the board and themselves just below it.
    if (index < 0 && inCohort) {
      around = [...list.slice(Math.max(TOP_PEOPLE, list.length - NEIGHBOURS)).map(row), { rank: null, points: own, you: true, label: `${viewer?.name ?? "You"} (you)` }];
    }
    // The nearest person with more points: passing them is the next step up.
    let nextUp: Standing["nextUp"] = null;
    const me = index >= 0 ? list[index] : undefined;
    let ahead: PersonScore | undefined = me ? undefined : list[list.length - 1];
    for (let i = index - 1; me && i >= 0 && !ahead; i--) if ((list[i] as PersonScore).points > me.points) ahead = list[i];
    if (ahead && inCohort) nextUp = { points: ahead.points - own + 1, rank: ahead.rank, label: row(ahead).label };
    people = { top, around, standing: { points: own, rank: me?.rank ?? null, of: list.length, nextUp } };
  }

  const myDepartments = new Set(viewer?.departmentId != null ? [viewer.departmentId] : []);
  const myTeams = new Set<number>();
  if (viewer?.managerId != null) myTeams.add(viewer.managerId);
  if (directory.lines.has(input.viewerId)) myTeams.add(input.viewerId);

  return {
    mode: state.mode,
    timeZone: state.timeZone,
    window,
    role,
    roles: directory.roles,
    people,
    visibility: viewer?.visibility ?? "name",
    departments: teamsView(entry.board.departments, entry.teamAt.departments, myDepartments),
    managers: teamsView(entry.board.managers, entry.teamAt.managers, myTeams),
    ownPoints: own,
  };
}

export type WallboardView = {
  mode: LeaderboardMode;
  timeZone: string;
  week: Window;
  month: Window;
  people: Array<{ rank: number; label: string; points: number }> | null;
  monthPeople: Array<{ rank: number; label: string; points: number }> | null;
  departments: TeamRow[];
  managers: TeamRow[];
};

/** What an office screen shows: nobody is signed in, so everyone appears exactly as they chose. */
export function wallboardView(db: Db, now = new Date()): WallboardView {
  const state = leaderboardState(db);
  const at = now.getTime();
  const week = windowAt("week", at, state.timeZone);
  const month = windowAt("month", at, state.timeZone);
  const directory = cachedDirectory(db, state, at);
  const weekly = cachedPeriod(db, state, week.key, at);
  const monthly = cachedPeriod(db, state, month.key, at);
  const rows = (list: PersonScore[], n: number) =>
    list.slice(0, n).map((p) => {
      const person = directory.people.get(p.userId);
      return { rank: p.rank, points: p.points, label: publicLabel(person?.name ?? "", person?.visibility ?? "hidden") };
    });
  return {
    mode: state.mode,
    timeZone: state.timeZone,
    week,
    month,
    people: state.mode === "on" ? rows(weekly.board.people, 10) : null,
    monthPeople: state.mode === "on" ? rows(monthly.board.people, 5) : null,
    departments: weekly.board.departments.slice(0, 10),
    managers: weekly.board.managers.slice(0, 8),
  };
}

export type Suggestion = { label: string; dueOn: string | null; late?: boolean; points: string; href: string };

/**
 * Concrete next steps that score: the assigned course due soonest that is not done, and
 * role-plays not yet passed. Two indexed queries.
 */
export function nextSteps(db: Db, catalogue: Catalogue, user: { id: number; jobRole: string }, now = new Date()): Suggestion[] {
  const userId = user.id;
  const steps: Suggestion[] = [];
  const queries = preparedQuery(db, "leaderboard-viewer", viewerQueries);
  const course = queries.nextCourse.get({ userId });
  const title = course && catalogue.courseBySlug.get(course.courseSlug)?.meta.title;
  if (course && title) {
    const late = dueAt(course.dueOn).getTime() < now.getTime();
    steps.push({
      label: `Finish “${title}”`,
      dueOn: course.dueOn,
      late,
      points: late ? `${POINTS.course_late} points` : `${POINTS.course_on_time} points (${POINTS.course_late} if late)`,
      href: `/courses/${course.courseSlug}`,
    });
  }
  const passed = new Set(queries.passedScenarios.all({ userId }).map((r) => r.scenarioId));
  for (const [id, entry] of catalogue.scenarios) {
    if (steps.length >= 3) break;
    if (passed.has(id) || !isAudience(entry.scenario.audience, user.jobRole)) continue;
    steps.push({ label: `Pass the role-play “${entry.scenario.title}”`, dueOn: null, points: `up to ${SCENARIO_POINTS_MAX} points`, href: `/scenarios/${id}` });
  }
  return steps;
}

/** A person's own choice of how they appear on boards. Takes effect at once, everywhere. */
export function setLeaderboardVisibility(db: Db, userId: number, visibility: LeaderboardVisibility): void {
  db.transaction((tx) => {
    tx.update(users).set({ leaderboardVisibility: visibility, updatedAt: new Date() }).where(eq(users.id, userId)).run();
    bumpLeaderboardRevision(tx);
  });
}

export function leaderboardVisibilityOf(db: Db, userId: number): LeaderboardVisibility {
  return db.select({ v: users.leaderboardVisibility }).from(users).where(eq(users.id, userId)).get()?.v ?? "name";
}

/** Where a viewer sits in the organisation, to mark their teams. */
export function viewerPlacement(db: Db, userId: number): { id: number; departmentId: number | null; managerId: number | null } {
  const row = db.select({ departmentId: users.departmentId, managerId: users.managerId }).from(users).where(eq(users.id, userId)).get();
  return { id: userId, departmentId: row?.departmentId ?? null, managerId: row?.managerId ?? null };
}
