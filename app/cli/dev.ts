import { spawn } from "node:child_process";
import path from "node:path";
import { seedDemoActivity } from "~db/seed/demo-activity";
import { seedDemoLeaderboard } from "~db/seed/demo-leaderboard";
import { seedDemoRules } from "~db/seed/demo-rules";
import { seedDemoOrganisation } from "~db/seed/demo";
import { ensureLeaderboardLedger } from "~/models/leaderboard-points.server";
import { todayIso } from "~/utils/dates";
import { closeDb, getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { checkCourses } from "./courses-check";

/** `npm run dev`: prepare the database like `npm start`, then run Vite's dev server with live reload. */
async function main() {
  process.env.NODE_ENV = "development";
  const { problems, catalogue } = await checkCourses({ verbose: false });
  const db = getDb();
  const demo = env().CARELEARN_DEMO;
  if (demo !== "0" && (await seedDemoOrganisation(db)) && problems === 0 && demo === "1") {
    seedDemoRules(db, catalogue, todayIso());
    seedDemoActivity(db, catalogue);
    seedDemoLeaderboard(db, catalogue);
  }
  ensureLeaderboardLedger(db);
  closeDb();
  const vite = spawn(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "vite:dev", "--port", String(env().PORT), "--host", env().HOST], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "development" },
  });
  vite.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
