import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import * as schema from "~db/schema";
import { env } from "./env.server";

/** What models take: the database or a transaction on it (both have the same query API). */
export type Db = BaseSQLiteDatabase<"sync", Database.RunResult, typeof schema>;
/** An open database file: a Db plus the driver handle, for pragmas, backups and closing. */
export type DbHandle = Db & { $client: Database.Database };

const MIGRATIONS_FOLDER = path.resolve("db/migrations");

/**
 * Opens (creating if needed) a SQLite file with the pragmas the app relies on, and applies
 * every committed migration. Safe to call on an up-to-date database: migrations run once.
 */
export function openDatabase(file: string): DbHandle {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // WAL + NORMAL is durable across application crashes (SIGKILL); only an OS crash can lose
  // the last transactions, which is the trade SQLite documents for WAL.
  sqlite.pragma("synchronous = NORMAL");
  reusePreparedStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db;
}

const MAX_CACHED_STATEMENTS = 1_000;

/**
 * drizzle asks the driver to prepare (parse and plan) every query's SQL on every call; the app runs
 * the same few hundred queries over and over, so each connection keeps what it prepared. Statements
 * run synchronously and none are iterated lazily, so sharing one is safe; drizzle switches some to
 * raw (array) mode, so a reused statement starts back in row mode, as a new one would.
 */
function reusePreparedStatements(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const statements = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const cached = statements.get(source);
    if (cached) {
      if (cached.reader) cached.raw(false);
      return cached;
    }
    const statement = prepare(source);
    // SQL built with a varying number of parameters could grow the map without end.
    if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
    statements.set(source, statement);
    return statement;
  }) as typeof sqlite.prepare;
}

let shared: DbHandle | undefined;

/** The process-wide database at DATABASE_PATH. */
export function getDb(): DbHandle {
  shared ??= openDatabase(env().DATABASE_PATH);
  return shared;
}

export function closeDb(): void {
  shared?.$client.close();
  shared = undefined;
}
