import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export function timestamp(now = new Date()): string {
  return now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

/** Checks that a file is a sound CareLearn database: SQLite, intact, migrated. */
export function verifyDatabaseFile(file: string): { ok: true; users: number } | { ok: false; reason: string } {
  if (!fs.existsSync(file)) return { ok: false, reason: `${file} does not exist` };
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") return { ok: false, reason: `integrity check failed: ${String(integrity)}` };
    const tables = new Set((db.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((t) => t.name));
    if (!tables.has("users") || !tables.has("__drizzle_migrations")) return { ok: false, reason: "it is not a CareLearn database (no users or migrations table)" };
    return { ok: true, users: (db.prepare("select count(*) n from users").get() as { n: number }).n };
  } catch (error) {
    return { ok: false, reason: `it cannot be read as SQLite: ${(error as Error).message}` };
  } finally {
    db?.close();
  }
}

/**
 * A consistent copy of a live database through SQLite's online backup API: readers and writers
 * carry on while it runs, and the copy is one point in time.
 */
export async function backupDatabase(source: string, destination: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    const temp = `${destination}.partial`;
    await db.backup(temp);
    fs.renameSync(temp, destination);
  } finally {
    db.close();
  }
}

/** Puts a backup in place of the database. The caller makes sure no server is running. */
export function restoreDatabase(backup: string, target: string): void {
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const temp = `${target}.restoring`;
  fs.copyFileSync(backup, temp);
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${target}${suffix}`, { force: true });
  fs.renameSync(temp, target);
}
