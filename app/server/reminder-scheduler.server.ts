import { getCatalogue } from "~/models/content/store.server";
import type { Mailer } from "~/models/mailer.server";
import { type ReminderRun, sendDueReminders } from "~/models/reminders.server";
import { getSetting, setSetting } from "~/models/settings.server";
import { todayIso } from "~/utils/dates";
import { getDb } from "~/utils/db.server";

export const LAST_RUN_KEY = "reminders_last_run";
const HOUR_MS = 60 * 60 * 1000;

export type ReminderScheduler = {
  /** One check: runs the reminders unless they already ran today. Never throws. */
  check: () => Promise<ReminderRun | null>;
  stop: () => void;
};

type Log = Pick<Console, "log" | "error">;

/**
 * The in-process daily reminders: checks every hour (and at once with `runNow`) and runs the
 * reminder job once per calendar day (UTC), remembering the day in the settings table. A day
 * with failed sends is not marked done, so the next hourly check retries those people (the
 * others are not sent twice: reminders_sent guards each person and day). Errors are logged,
 * never thrown: reminders must not take the server down.
 */
export function startReminderScheduler(
  options: { runNow?: boolean; intervalMs?: number; clock?: () => Date; mailer?: Mailer; log?: Log } = {},
): ReminderScheduler {
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? console;
  let running: Promise<ReminderRun | null> | null = null;

  const runOnce = async (): Promise<ReminderRun | null> => {
    try {
      const now = clock();
      const day = todayIso(now);
      const db = getDb();
      if (getSetting(db, LAST_RUN_KEY) === day) return null;
      const catalogue = await getCatalogue();
      const run = await sendDueReminders(db, catalogue, now, options.mailer ? { mailer: options.mailer } : {});
      if (run.failed === 0) setSetting(db, LAST_RUN_KEY, day);
      if (run.sent > 0 || run.failed > 0) {
        log.log(`Reminders for ${day}: ${run.sent} sent (${run.via}), ${run.skipped} already sent today, ${run.failed} failed.`);
      }
      for (const failure of run.outcomes.filter((o) => o.status === "failed")) {
        log.error(`Reminder to ${failure.email} failed: ${failure.error ?? "unknown error"} (will retry at the next hourly check)`);
      }
      return run;
    } catch (error) {
      log.error(`The reminder check failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  };

  // Checks never overlap: a slow SMTP server cannot stack up runs.
  const check = (): Promise<ReminderRun | null> => {
    running ??= runOnce().finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(() => void check(), options.intervalMs ?? HOUR_MS);
  timer.unref();
  if (options.runNow) void check();
  return { check, stop: () => clearInterval(timer) };
}
