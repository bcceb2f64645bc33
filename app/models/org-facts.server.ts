import { sql } from "drizzle-orm";
import type { Db, DbHandle } from "~/utils/db.server";
import { type EnrolmentRow, enrolmentRows, idList } from "./report-data.server";

export type Person = { id: number; name: string; email: string; department: string; jobRole: string };

/**
 * What the organisation report is worked out from, kept in memory per database: every active
 * person, their active enrolments with the latest completion, and their completions of the core
 * course (for coverage over 12 weeks). Statuses are not kept: they move with the clock, so the
 * report works them out from these facts each time.
 */
export type OrgFacts = {
  people: Map<number, Person>;
  enrolments: Map<number, EnrolmentRow[]>;
  core: Map<number, Array<[from: number, to: number | null]>>;
};

type Held = OrgFacts & { seq: number; coreSlug: string | null };

// More people changed than this since the last look, and reading everyone again is as quick.
const MAX_REFRESHED = 2_000;
// report_changes keeps at least this many rows; older ones are deleted when twice as many pile up.
const KEEP_CHANGES = 50_000;

const held = new WeakMap<DbHandle["$client"], Held>();

const scopeTo = (column: string, ids: number[] | null) => (ids ? sql`and ${sql.raw(column)} in (select value from json_each(${idList(ids)}))` : sql``);

function readPeople(db: Db, ids: number[] | null): Person[] {
  const rows = db.values<[number, string, string, string | null, string]>(sql`
    select u.id, u.name, u.email, d.name, u.job_role from users u left join departments d on d.id = u.department_id
    where u.active = 1 ${scopeTo("u.id", ids)}`);
  return rows.map(([id, name, email, department, jobRole]) => ({ id, name, email, department: department ?? "No department", jobRole }));
}

function readCore(db: Db, coreSlug: string | null, ids: number[] | null): Array<[number, number, number | null]> {
  if (!coreSlug) return [];
  return db.values<[number, number, number | null]>(sql`
    select user_id, completed_at, expires_at from course_completions where course_slug = ${coreSlug} ${scopeTo("user_id", ids)}`);
}

/** Reads the facts of some people (or everyone) into `facts`, replacing what it held for them. */
function load(db: Db, facts: OrgFacts, coreSlug: string | null, ids: number[] | null): void {
  if (ids) {
    for (const id of ids) {
      facts.people.delete(id);
      facts.enrolments.delete(id);
      facts.core.delete(id);
    }
  }
  for (const person of readPeople(db, ids)) facts.people.set(person.id, person);
  for (const row of enrolmentRows(db, ids)) {
    // Someone who has left keeps their enrolments, but the report counts only active people.
    if (!facts.people.has(row[0])) continue;
    const list = facts.enrolments.get(row[0]);
    if (list) list.push(row);
    else facts.enrolments.set(row[0], [row]);
  }
  for (const [userId, from, to] of readCore(db, coreSlug, ids)) {
    if (!facts.people.has(userId)) continue;
    const list = facts.core.get(userId);
    if (list) list.push([from, to]);
    else facts.core.set(userId, [[from, to]]);
  }
}

/**
 * The organisation's facts as they are now. The first call reads everyone; later calls read only
 * the people whose rows changed since (report_changes, kept by triggers in whichever process
 * wrote), or everyone again when a department changed, many people did, or the log was pruned
 * past what this process last saw.
 */
export function orgFacts(db: DbHandle, coreSlug: string | null): OrgFacts {
  let pruneBelow = 0;
  // One read transaction: the facts and the log position they match are the same snapshot.
  const facts = db.$client.transaction(() => {
    const log = db.get<{ low: number | null; high: number | null; rows: number }>(sql`select min(seq) as low, max(seq) as high, count(*) as rows from report_changes`);
    const high = log?.high ?? 0;
    if ((log?.rows ?? 0) > 2 * KEEP_CHANGES) pruneBelow = high - KEEP_CHANGES;
    const current = held.get(db.$client);
    const intact = current && current.coreSlug === coreSlug && high >= current.seq && (log?.low ?? 0) <= current.seq + 1;
    if (current && intact) {
      if (high === current.seq) return current;
      const changed = db.values<[number | null]>(sql`select distinct user_id from report_changes where seq > ${current.seq} limit ${MAX_REFRESHED + 1}`);
      if (changed.length <= MAX_REFRESHED && changed.every(([id]) => id !== null)) {
        load(db, current, coreSlug, changed.map(([id]) => id as number));
        current.seq = high;
        return current;
      }
    }
    const fresh: Held = { people: new Map(), enrolments: new Map(), core: new Map(), seq: high, coreSlug };
    load(db, fresh, coreSlug, null);
    held.set(db.$client, fresh);
    return fresh;
  })();
  // Pruning writes, so it waits until the reading is done; other processes notice and read afresh.
  if (pruneBelow > 0) db.run(sql`delete from report_changes where seq < ${pruneBelow}`);
  return facts;
}
