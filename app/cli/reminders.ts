import path from "node:path";
import { getCatalogue } from "~/models/content/store.server";
import { mailConfig, outboxDir } from "~/models/mailer.server";
import { sendDueReminders } from "~/models/reminders.server";
import { closeDb, getDb } from "~/utils/db.server";

/**
 * `npm run reminders`: today's due-soon and overdue reminders, one email per person, for cron.
 * Safe to run as often as you like: nobody gets the same day's reminder twice.
 */
async function main() {
  const config = mailConfig();
  const catalogue = await getCatalogue();
  const db = getDb();
  try {
    const run = await sendDueReminders(db, catalogue, new Date(), { config });
    const where = run.via === "smtp" ? "through the SMTP server" : `to the outbox (${path.relative(process.cwd(), outboxDir()) || outboxDir()}; no SMTP_URL set)`;
    for (const outcome of run.outcomes) {
      const courses = outcome.courses.join(", ");
      if (outcome.status === "sent") console.log(`sent     ${outcome.email}: ${courses}${outcome.file ? ` → ${outcome.file}` : ""}`);
      else if (outcome.status === "skipped") console.log(`skipped  ${outcome.email}: already reminded on ${run.day}`);
      else console.log(`FAILED   ${outcome.email}: ${outcome.error ?? "unknown error"}`);
    }
    console.log(`Reminders for ${run.day}: ${run.sent} sent ${where}, ${run.skipped} already sent today, ${run.failed} failed.`);
    if (run.failed > 0) process.exitCode = 1;
  } finally {
    closeDb();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
