import type { Db } from "./db.server";

/*
 * drizzle builds a query's SQL from its object tree on every call, which costs more than SQLite
 * takes to run the small indexed queries a page makes. The few queries every page runs are built
 * once per database with placeholders (drizzle's `.prepare()`) and kept here.
 */
const byDatabase = new WeakMap<Db, Map<string, unknown>>();

/** The query `name` on `db`, built by `build` the first time it is asked for. */
export function preparedQuery<T>(db: Db, name: string, build: (db: Db) => T): T {
  let queries = byDatabase.get(db);
  if (!queries) byDatabase.set(db, (queries = new Map()));
  let query = queries.get(name) as T | undefined;
  if (query === undefined) queries.set(name, (query = build(db)));
  return query;
}
