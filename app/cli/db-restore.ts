import path from "node:path";
import { backupDatabase, restoreDatabase, timestamp, verifyDatabaseFile } from "~/models/backup.server";
import { closeDb, getDb } from "~/utils/db.server";
import { dataDir, env } from "~/utils/env.server";
import { runningServerPid } from "~/utils/server-lock.server";

/** `npm run db:restore FILE`: replaces the database with a backup; refuses while CareLearn runs. */
async function main() {
  const file = process.argv[2];
  if (!file) throw new Error("Name the backup to restore: npm run db:restore data/backups/carelearn-….db");
  const target = path.resolve(env().DATABASE_PATH);
  const pid = runningServerPid(target);
  if (pid) throw new Error(`CareLearn is running on this database (process ${pid}). Stop it, then restore.`);
  const check = verifyDatabaseFile(path.resolve(file));
  if (!check.ok) throw new Error(`Not restoring ${file}: ${check.reason}.`);
  const verified = verifyDatabaseFile(target);
  if (verified.ok) {
    // The database being replaced is kept, so a restore can itself be undone.
    const safety = path.join(dataDir(), "backups", `before-restore-${timestamp()}.db`);
    await backupDatabase(target, safety);
    console.log(`Kept the current database as ${safety}.`);
  }
  restoreDatabase(path.resolve(file), target);
  getDb(); // applies any migrations newer than the backup
  closeDb();
  console.log(`Restored ${file} to ${target} (${check.users} people).`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
