import path from "node:path";
import { backupDatabase, timestamp, verifyDatabaseFile } from "~/models/backup.server";
import { dataDir, env } from "~/utils/env.server";

/** `npm run db:backup [FILE]`: an online, consistent copy of the database, safe while serving. */
async function main() {
  const source = path.resolve(env().DATABASE_PATH);
  const destination = path.resolve(process.argv[2] ?? path.join(dataDir(), "backups", `carelearn-${timestamp()}.db`));
  await backupDatabase(source, destination);
  const check = verifyDatabaseFile(destination);
  if (!check.ok) throw new Error(`The backup at ${destination} failed its check: ${check.reason}`);
  console.log(`Backed up ${source} to ${destination} (${check.users} people, integrity ok).`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
