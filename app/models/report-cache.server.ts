import { type DATA_TOPICS, dataVersions } from "~db/schema";
import type { Db, DbHandle } from "~/utils/db.server";

type Topic = (typeof DATA_TOPICS)[number];

/*
 * Reports recompute the organisation from raw rows (one status module, no second source of truth),
 * which costs tens to hundreds of milliseconds at 10,000 people. Most views of a report see the same
 * data as the last one, so the computed report is kept and reused while the data behind it is
 * unchanged: triggers bump a counter per topic on every write (migration 0005), in this process or
 * any other. Statuses also move with the clock (overdue at midnight, certificates expiring), so an
 * entry is never older than a minute.
 */
export const REPORT_MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 200;

type Entry = { versions: string; computedAt: number; value: unknown };
// One cache per open database, gone when its connection is.
const caches = new WeakMap<DbHandle["$client"], Map<string, Entry>>();

function versionsOf(db: Db, topics: readonly Topic[]): string {
  const rows = db.select().from(dataVersions).all();
  return topics.map((topic) => `${topic}:${rows.find((r) => r.topic === topic)?.version ?? "none"}`).join(",");
}

/**
 * The report under `key`, computed by `compute` unless an entry computed from the same data within
 * the last minute exists. The key must name everything else the report depends on (whose team).
 */
export function cachedReport<T>(db: DbHandle, key: string, topics: readonly Topic[], compute: (now: Date) => T, now = new Date()): T {
  let entries = caches.get(db.$client);
  if (!entries) caches.set(db.$client, (entries = new Map()));
  const versions = versionsOf(db, topics);
  const cached = entries.get(key);
  if (cached && cached.versions === versions && now.getTime() - cached.computedAt < REPORT_MAX_AGE_MS) {
    // Most recently used last, so the oldest is the first to go.
    entries.delete(key);
    entries.set(key, cached);
    return cached.value as T;
  }
  const value = compute(now);
  entries.set(key, { versions, computedAt: now.getTime(), value });
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  return value;
}
