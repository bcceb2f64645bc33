/**
 * Weekly publishing: when a week ends (in the organisation's time zone) its boards are frozen as
 * a snapshot with movers against the week before, and kept. Publishing happens on the first
 * leaderboard request after the week ends or at the hourly tick, whichever comes first; both are
 * idempotent. Snapshot rows are never updated or deleted (database triggers refuse it).
 */
import { asc, desc, eq, lt, sql } from "drizzle-orm";
import { type LeaderboardVisibility, leaderboardPoints, leaderboardSnapshotEntries, leaderboardSnapshots, SNAPSHOT_BOARDS } from "~db/schema";
import type { Db } from "~/utils/db.server";
import { addDaysIso, localDate, mondayOf, weekStarting } from "~/utils/time-zone";
import { computeBoard, HIDDEN_LABEL, loadDirectory, publicLabel, readTotals, stricter, TOP_PEOPLE, TOP_TEAMS } from "./leaderboard.server";
import { leaderboardMode, type LeaderboardMode, organisationTimeZone } from "./leaderboard-settings.server";

/** How far back the first publication reaches when points already exist (an upgrade, the demo). */
export const MAX_BACKFILL_WEEKS = 12;

type Board = (typeof SNAPSHOT_BOARDS)[number];
type EntryRow = typeof leaderboardSnapshotEntries.$inferInsert;

/** Freezes one week's boards. Call inside a transaction; the week must not be published yet. */
function publishWeek(db: Db, monday: string, timeZone: string, mode: LeaderboardMode, now: Date): number {
  const window = weekStarting(monday, timeZone);
  const directory = loadDirectory(db);
  const board = computeBoard(directory, readTotals(db, window.key));
  const previous = db.select({ id: leaderboardSnapshots.id }).from(leaderboardSnapshots).where(lt(leaderboardSnapshots.weekStart, monday)).orderBy(desc(leaderboardSnapshots.weekStart)).limit(1).get();
  const before = new Map<string, number>();
  if (previous) {
    for (const e of db.select({ board: leaderboardSnapshotEntries.board, subjectId: leaderboardSnapshotEntries.subjectId, rank: leaderboardSnapshotEntries.rank }).from(leaderboardSnapshotEntries).where(eq(leaderboardSnapshotEntries.snapshotId, previous.id)).all()) {
      before.set(`${e.board}:${e.subjectId}`, e.rank);
    }
  }
  const individuals = mode === "on";
  const snapshot = db
    .insert(leaderboardSnapshots)
    .values({ weekStart: monday, startsAt: new Date(window.startsAt ?? 0), endsAt: new Date(window.endsAt ?? 0), timeZone, individuals, publishedAt: now })
    .returning({ id: leaderboardSnapshots.id })
    .get();
  const movement = (kind: Board, subjectId: number, rank: number) => {
    const previousRank = before.get(`${kind}:${subjectId}`) ?? null;
    const move = previousRank === null ? "new" : rank < previousRank ? "up" : rank > previousRank ? "down" : "same";
    return { previousRank, movement: move } as const;
  };
  const entries: EntryRow[] = [];
  if (individuals) {
    for (const p of board.people) {
      const person = directory.people.get(p.userId);
      entries.push({
        snapshotId: snapshot.id,
        board: "people",
        subjectId: p.userId,
        rank: p.rank,
        ...movement("people", p.userId, p.rank),
        points: p.points,
        total: p.points,
        members: 1,
        label: null,
        jobRole: person?.jobRole ?? null,
        visibility: person?.visibility ?? "hidden",
      });
    }
  }
  for (const [kind, rows] of [["department", board.departments], ["manager", board.managers]] as const) {
    for (const t of rows) {
      entries.push({ snapshotId: snapshot.id, board: kind, subjectId: t.id, rank: t.rank, ...movement(kind, t.id, t.rank), points: t.perHead, total: t.total, members: t.members, label: t.label, jobRole: null, visibility: null });
    }
  }
  for (let i = 0; i < entries.length; i += 300) db.insert(leaderboardSnapshotEntries).values(entries.slice(i, i + 300)).run();
  return snapshot.id;
}

let publishedThrough: string | null = null;

/**
 * Publishes every week that has ended and is not published yet: from the week after the last
 * published one (or, the first time, the week of the first points, at most MAX_BACKFILL_WEEKS
 * back) to last week. Cheap when there is nothing to do: after the first check in a week, no
 * query at all. Returns the Mondays published.
 */
export function publishDueWeeks(db: Db, now = new Date(), { force = false, timeZone = organisationTimeZone(db) } = {}): string[] {
  const lastEnded = addDaysIso(mondayOf(localDate(now.getTime(), timeZone)), -7);
  const memo = `${timeZone}|${lastEnded}`;
  if (!force && publishedThrough === memo) return [];
  const published = db.transaction(
    (tx) => {
      if (tx.select({ id: leaderboardSnapshots.id }).from(leaderboardSnapshots).where(eq(leaderboardSnapshots.weekStart, lastEnded)).get()) return [];
      const latest = tx.select({ weekStart: leaderboardSnapshots.weekStart }).from(leaderboardSnapshots).orderBy(desc(leaderboardSnapshots.weekStart)).limit(1).get()?.weekStart;
      let start: string;
      if (latest) start = addDaysIso(latest, 7);
      else {
        const first = tx.select({ at: sql<number | null>`min(${leaderboardPoints.earnedAt})` }).from(leaderboardPoints).get()?.at;
        if (first == null) return [];
        start = mondayOf(localDate(first, timeZone));
      }
      const floor = addDaysIso(lastEnded, -7 * (MAX_BACKFILL_WEEKS - 1));
      if (start < floor) start = floor;
      const mode = leaderboardMode(tx);
      const weeks: string[] = [];
      for (let monday = start; monday <= lastEnded; monday = addDaysIso(monday, 7)) {
        publishWeek(tx, monday, timeZone, mode, now);
        weeks.push(monday);
      }
      return weeks;
    },
    { behavior: "immediate" },
  );
  publishedThrough = memo;
  return published;
}

export type SnapshotSummary = {
  weekStart: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  publishedAt: Date;
  individuals: boolean;
  scorers: number;
  topDepartment: string | null;
};

/** Every published week, newest first. */
export function listSnapshots(db: Db, limit = 104): SnapshotSummary[] {
  const rows = db
    .select({
      id: leaderboardSnapshots.id,
      weekStart: leaderboardSnapshots.weekStart,
      startsAt: leaderboardSnapshots.startsAt,
      endsAt: leaderboardSnapshots.endsAt,
      timeZone: leaderboardSnapshots.timeZone,
      publishedAt: leaderboardSnapshots.publishedAt,
      individuals: leaderboardSnapshots.individuals,
      // Spelled out: inside a subquery an unqualified "id" would be the entry's own.
      scorers: sql<number>`(select count(*) from leaderboard_snapshot_entries e where e.snapshot_id = leaderboard_snapshots.id and e.board = 'people')`,
      topDepartment: sql<string | null>`(select e.label from leaderboard_snapshot_entries e where e.snapshot_id = leaderboard_snapshots.id and e.board = 'department' and e.total > 0 order by e.rank limit 1)`,
    })
    .from(leaderboardSnapshots)
    .orderBy(desc(leaderboardSnapshots.weekStart))
    .limit(limit)
    .all();
  return rows.map(({ id: _id, ...r }) => r);
}

export type SnapshotPersonRow = { rank: number; previousRank: number | null; movement: "up" | "down" | "same" | "new"; label: string; points: number; you: boolean };
export type SnapshotTeamRow = { rank: number; previousRank: number | null; movement: "up" | "down" | "same" | "new"; label: string; perHead: number; total: number; members: number; yours: boolean };

export type SnapshotView = {
  summary: Omit<SnapshotSummary, "scorers" | "topDepartment">;
  people: { top: SnapshotPersonRow[]; around: SnapshotPersonRow[]; you: SnapshotPersonRow | null; count: number; climbers: SnapshotPersonRow[]; newcomers: number } | null;
  departments: SnapshotTeamRow[];
  managers: { rows: SnapshotTeamRow[]; mine: SnapshotTeamRow[]; count: number };
  roles: string[];
  role: string | null;
};

/**
 * One published week as it was frozen. People appear by the stricter of the choice they had
 * when it was published and the one they have now; individual rows are shown only when
 * individual boards were on then and are on now.
 */
type Entry = typeof leaderboardSnapshotEntries.$inferSelect;
type Frozen = { people: Entry[]; departments: Entry[]; managers: Entry[]; roles: string[] };

// Published weeks never change, so their entries can be kept in memory as they are (a few weeks' worth).
const frozenCache = new Map<number, Frozen>();

function frozenEntries(db: Db, snapshotId: number): Frozen {
  const hit = frozenCache.get(snapshotId);
  if (hit) return hit;
  const entries = db
    .select()
    .from(leaderboardSnapshotEntries)
    .where(eq(leaderboardSnapshotEntries.snapshotId, snapshotId))
    .orderBy(asc(leaderboardSnapshotEntries.rank), asc(leaderboardSnapshotEntries.subjectId))
    .all();
  const people = entries.filter((e) => e.board === "people");
  const frozen: Frozen = {
    people,
    departments: entries.filter((e) => e.board === "department"),
    managers: entries.filter((e) => e.board === "manager"),
    roles: [...new Set(people.map((e) => e.jobRole).filter((r): r is string => Boolean(r)))].sort(),
  };
  if (frozenCache.size >= 8) frozenCache.delete(frozenCache.keys().next().value as number);
  frozenCache.set(snapshotId, frozen);
  return frozen;
}

export function snapshotView(
  db: Db,
  weekStart: string,
  viewer: { id: number; departmentId: number | null; managerId: number | null },
  currentMode: LeaderboardMode,
  role: string | null,
): SnapshotView | null {
  const snapshot = db.select().from(leaderboardSnapshots).where(eq(leaderboardSnapshots.weekStart, weekStart)).get();
  if (!snapshot) return null;
  const frozen = frozenEntries(db, snapshot.id);
  const cohort = role && frozen.roles.includes(role) ? role : null;

  let people: SnapshotView["people"] = null;
  if (snapshot.individuals && currentMode === "on") {
    // Within a cohort, places are counted among that cohort (ties kept).
    let list = cohort ? frozen.people.filter((e) => e.jobRole === cohort) : frozen.people;
    if (cohort) {
      let rank = 0;
      let last: number | null = null;
      list = list.map((e, i) => {
        if (e.points !== last) rank = i + 1;
        last = e.points;
        return { ...e, rank, previousRank: null };
      });
    }
    const index = list.findIndex((e) => e.subjectId === viewer.id);
    const top = list.slice(0, TOP_PEOPLE);
    const around = index >= TOP_PEOPLE ? list.slice(Math.max(TOP_PEOPLE, index - 2), index + 3) : [];
    const climbers = cohort
      ? []
      : frozen.people
          .filter((e) => e.movement === "up" && e.previousRank !== null)
          .sort((a, b) => (b.previousRank ?? 0) - b.rank - ((a.previousRank ?? 0) - a.rank) || a.rank - b.rank)
          .slice(0, 5);
    // Names and choices as they are now, for the rows on show only.
    const shown = [...new Set([...top, ...around, ...climbers, ...(index >= 0 ? [list[index] as Entry] : [])].map((e) => e.subjectId))];
    const current = new Map<number, { name: string; visibility: LeaderboardVisibility }>();
    if (shown.length) {
      const rows = db.all<{ id: number; name: string; visibility: LeaderboardVisibility }>(
        sql`select id, name, leaderboard_visibility as visibility from users where id in (${sql.join(shown.map((id) => sql`${id}`), sql`, `)})`,
      );
      for (const r of rows) current.set(r.id, r);
    }
    const row = (e: Entry): SnapshotPersonRow => {
      const person = current.get(e.subjectId);
      const you = e.subjectId === viewer.id;
      const visibility = stricter(e.visibility ?? "hidden", person?.visibility ?? "hidden");
      return {
        rank: e.rank,
        previousRank: cohort ? null : e.previousRank,
        movement: cohort ? "same" : e.movement,
        points: e.points,
        you,
        label: you ? `${person?.name ?? "You"} (you)` : person ? publicLabel(person.name, visibility) : HIDDEN_LABEL,
      };
    };
    people = {
      top: top.map(row),
      around: around.map(row),
      you: index >= 0 ? row(list[index] as Entry) : null,
      count: list.length,
      climbers: climbers.map(row),
      newcomers: cohort ? 0 : frozen.people.filter((e) => e.movement === "new").length,
    };
  }
  const team = (e: Entry, yours: boolean): SnapshotTeamRow => ({
    rank: e.rank,
    previousRank: e.previousRank,
    movement: e.movement,
    label: e.label ?? "",
    perHead: e.points,
    total: e.total,
    members: e.members,
    yours,
  });
  const myTeams = new Set<number>([viewer.id, ...(viewer.managerId !== null ? [viewer.managerId] : [])]);
  const { id: _id, ...summary } = snapshot;
  return {
    summary,
    people,
    departments: frozen.departments.map((e) => team(e, e.subjectId === viewer.departmentId)),
    managers: {
      rows: frozen.managers.slice(0, TOP_TEAMS).map((e) => team(e, myTeams.has(e.subjectId))),
      mine: frozen.managers.slice(TOP_TEAMS).filter((e) => myTeams.has(e.subjectId)).map((e) => team(e, true)),
      count: frozen.managers.length,
    },
    roles: frozen.roles,
    role: cohort,
  };
}

/** For tests: forget which week was last checked. */
export function resetPublishMemo(): void {
  publishedThrough = null;
  frozenCache.clear();
}
