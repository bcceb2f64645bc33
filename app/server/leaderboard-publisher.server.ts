import { publishDueWeeks } from "~/models/leaderboard-snapshots.server";
import { getDb } from "~/utils/db.server";

const HOUR_MS = 60 * 60 * 1000;

/**
 * Publishes ended weeks' leaderboards hourly, so a week is frozen soon after it ends even when
 * nobody opens a board (the first request after the week ends would do it too). The first check
 * runs just after start-up. Errors are logged, never thrown; the timer does not keep the process alive.
 */
export function startLeaderboardPublisher(options: { intervalMs?: number; log?: Pick<Console, "log" | "error"> } = {}): { check: () => string[]; stop: () => void } {
  const log = options.log ?? console;
  const check = (): string[] => {
    try {
      const weeks = publishDueWeeks(getDb(), new Date(), { force: true });
      if (weeks.length) log.log(`Published the leaderboards of ${weeks.length} week(s), the latest beginning ${weeks[weeks.length - 1]}.`);
      return weeks;
    } catch (error) {
      log.error(`Publishing leaderboards failed: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  };
  const first = setTimeout(check, 1_000);
  first.unref();
  const timer = setInterval(check, options.intervalMs ?? HOUR_MS);
  timer.unref();
  return { check, stop: () => (clearTimeout(first), clearInterval(timer)) };
}
