import "./production-env";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { seedDemoActivity } from "~db/seed/demo-activity";
import { seedDemoLeaderboard } from "~db/seed/demo-leaderboard";
import { seedDemoRules } from "~db/seed/demo-rules";
import { seedDemoOrganisation } from "~db/seed/demo";
import { syncEnrolments } from "~/models/enrolments.server";
import { ensureLeaderboardLedger } from "~/models/leaderboard-points.server";
import { createHttpApp } from "~/server/http.server";
import { startLeaderboardPublisher } from "~/server/leaderboard-publisher.server";
import { startReminderScheduler } from "~/server/reminder-scheduler.server";
import { todayIso } from "~/utils/dates";
import { closeDb, getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { removePidFile, writePidFile } from "~/utils/server-lock.server";
import { ensureBuild } from "./build";
import { checkCourses } from "./courses-check";

/** `npm start`: build if stale, migrate, seed the demo organisation on first run, serve. */
async function main() {
  const config = env();
  ensureBuild();
  // Validates every course and fills the compile cache, so no request ever compiles MDX.
  const { problems, catalogue } = await checkCourses({ verbose: false });
  if (problems > 0 && config.NODE_ENV !== "development") {
    throw new Error("CareLearn will not start with broken course content: fix the problems above (npm run courses:check).");
  }
  const db = getDb();
  if (config.CARELEARN_DEMO !== "0") {
    const seeded = await seedDemoOrganisation(db);
    if (seeded && problems === 0 && config.CARELEARN_DEMO === "1") {
      seedDemoRules(db, catalogue, todayIso());
      seedDemoActivity(db, catalogue);
      seedDemoLeaderboard(db, catalogue);
    }
    if (seeded) console.log("Seeded the demo organisation (Juniper Health Supplies). Sign-ins are in the README.");
  }
  // Rules are declarative: whatever changed while the server was down is applied now.
  syncEnrolments(db);
  // Leaderboard points for outcomes recorded before the ledger existed (an upgrade, a bulk load).
  ensureLeaderboardLedger(db);
  closeDb();

  const buildDir = path.resolve("build");
  const build = (await import(pathToFileURL(path.join(buildDir, "server/index.js")).href)) as ServerBuild;
  const app = createHttpApp(build, buildDir);
  const server = app.listen(config.PORT, config.HOST, () => {
    const { port } = server.address() as AddressInfo;
    writePidFile(config.DATABASE_PATH);
    // Daily due-soon and overdue reminders; the first check runs now, then hourly.
    if (config.CARELEARN_REMINDERS === "1") startReminderScheduler({ runNow: true });
    // Ended weeks' leaderboards are frozen soon after start-up and then hourly.
    startLeaderboardPublisher();
    console.log(`CareLearn is ready on http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${port}`);
  });
  server.keepAliveTimeout = 65_000;

  const stop = (signal: string) => {
    console.log(`${signal} received: closing.`);
    removePidFile(config.DATABASE_PATH);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // Requests in flight get a few seconds; after that the process goes anyway.
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
