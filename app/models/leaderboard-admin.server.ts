/** HR's leaderboard settings: the mode, the organisation's time zone, and what the ledger holds. */
import { count, sql } from "drizzle-orm";
import { leaderboardPoints, leaderboardSnapshots } from "~db/schema";
import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { clearLeaderboardCache } from "./leaderboard.server";
import { rebuildTotals } from "./leaderboard-points.server";
import { type LeaderboardSettings, leaderboardMode, organisationTimeZone, saveLeaderboardSettings } from "./leaderboard-settings.server";

export function leaderboardSettings(db: Db): LeaderboardSettings {
  return { mode: leaderboardMode(db), timeZone: organisationTimeZone(db) };
}

/**
 * Saves HR's choices, with the change in the audit log. A new time zone moves every window's
 * boundaries, so the per-period totals are recounted from the ledger in the same transaction;
 * weeks already published stay exactly as they were.
 */
export function changeLeaderboardSettings(db: Db, actorId: number, next: LeaderboardSettings, now = new Date()): { changed: boolean; recounted: boolean } {
  const outcome = db.transaction(
    (tx) => {
      const before = leaderboardSettings(tx);
      if (before.mode === next.mode && before.timeZone === next.timeZone) return { changed: false, recounted: false };
      saveLeaderboardSettings(tx, next);
      const recounted = before.timeZone !== next.timeZone;
      if (recounted) rebuildTotals(tx, next.timeZone, now.getTime());
      recordAudit(tx, { actorId, action: "leaderboard.settings", entityType: "settings", entityId: "leaderboard", before, after: next });
      return { changed: true, recounted };
    },
    { behavior: "immediate" },
  );
  clearLeaderboardCache();
  return outcome;
}

export function ledgerStats(db: Db) {
  const points = db.select({ n: count(), people: sql<number>`count(distinct ${leaderboardPoints.userId})`, total: sql<number>`coalesce(sum(${leaderboardPoints.points}), 0)` }).from(leaderboardPoints).get();
  const snapshots = db.select({ n: count(), latest: sql<string | null>`max(${leaderboardSnapshots.weekStart})` }).from(leaderboardSnapshots).get();
  return { outcomes: points?.n ?? 0, people: points?.people ?? 0, points: points?.total ?? 0, snapshots: snapshots?.n ?? 0, latestWeek: snapshots?.latest ?? null };
}
