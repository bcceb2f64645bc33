import Database from "better-sqlite3";

/** A short-lived second connection to a test server's database, as an operator would open one. */
export function withDb<T>(file: string, use: (db: Database.Database) => T): T {
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  try {
    return use(db);
  } finally {
    db.close();
  }
}

export function count(file: string, query: string, ...params: unknown[]): number {
  return withDb(file, (db) => (db.prepare(query).get(...params) as { n: number }).n);
}
