import { sql } from "drizzle-orm";
import { settings } from "~db/schema";
import type { Db } from "~/utils/db.server";
import { DEFAULT_TIME_ZONE, isTimeZone } from "~/utils/time-zone";
import { getSetting, setSetting } from "./settings.server";

import { LEADERBOARD_MODES, type LeaderboardMode } from "~/utils/leaderboard-modes";

export { LEADERBOARD_MODES, type LeaderboardMode };

export const MODE_KEY = "leaderboard_mode";
export const TIME_ZONE_KEY = "leaderboard_time_zone";
/** Bumped whenever something other than new points changes what boards show (privacy, settings). */
export const REVISION_KEY = "leaderboard_revision";

export type LeaderboardSettings = { mode: LeaderboardMode; timeZone: string };

function asMode(value: string | undefined | null): LeaderboardMode {
  return (LEADERBOARD_MODES as readonly string[]).includes(value ?? "") ? (value as LeaderboardMode) : "on";
}

function asTimeZone(value: string | undefined | null): string {
  return value && isTimeZone(value) ? value : DEFAULT_TIME_ZONE;
}

export function leaderboardMode(db: Db): LeaderboardMode {
  return asMode(getSetting(db, MODE_KEY));
}

// The navigation asks on every page; HR changes it rarely, and a change here clears it at once.
let modeMemo: { mode: LeaderboardMode; at: number } | null = null;
const MODE_MEMO_MS = 2_000;

/** The mode for the navigation: read at most every two seconds per process. */
export function leaderboardModeForNavigation(db: Db, now = Date.now()): LeaderboardMode {
  if (modeMemo && now - modeMemo.at < MODE_MEMO_MS) return modeMemo.mode;
  modeMemo = { mode: leaderboardMode(db), at: now };
  return modeMemo.mode;
}

export function organisationTimeZone(db: Db): string {
  return asTimeZone(getSetting(db, TIME_ZONE_KEY));
}

export type LeaderboardState = LeaderboardSettings & { stamp: string; revision: string; lastPointId: number };

/**
 * Settings plus a stamp of everything boards depend on, in one query: the newest ledger row and
 * the revision. A cached board is current while its stamp is.
 */
export function leaderboardState(db: Db): LeaderboardState {
  const row = db.get<{ lastPointId: number | null; mode: string | null; timeZone: string | null; revision: string | null }>(sql`
    select (select max(id) from leaderboard_points) as lastPointId,
      (select value from ${settings} where key = ${MODE_KEY}) as mode,
      (select value from ${settings} where key = ${TIME_ZONE_KEY}) as timeZone,
      (select value from ${settings} where key = ${REVISION_KEY}) as revision`);
  const mode = asMode(row?.mode);
  const timeZone = asTimeZone(row?.timeZone);
  const revision = row?.revision ?? "0";
  const lastPointId = row?.lastPointId ?? 0;
  return { mode, timeZone, revision, lastPointId, stamp: `${lastPointId}:${revision}:${mode}:${timeZone}` };
}

export function bumpLeaderboardRevision(db: Db): void {
  db.run(sql`insert into ${settings} (key, value) values (${REVISION_KEY}, '1')
    on conflict (key) do update set value = cast(value as integer) + 1`);
}

export function saveLeaderboardSettings(db: Db, next: LeaderboardSettings): void {
  modeMemo = null;
  setSetting(db, MODE_KEY, next.mode);
  setSetting(db, TIME_ZONE_KEY, next.timeZone);
  bumpLeaderboardRevision(db);
}
