import Database from "better-sqlite3";
import type { Catalogue } from "~/models/content/catalogue.server";
import { isAudience } from "~/models/learner.server";
import type { BenchPerson } from "./generate-org";
import type { LoadRequest } from "./measure";
import { type Rand, shuffle } from "./random";

/** The routes measured, in order, with their targets as ratios to the bare baseline. */
export const ROUTES = [
  { key: "lesson", label: "lesson page", target: 0.6 },
  { key: "catalogue", label: "catalogue /courses", target: 0.6 },
  { key: "home", label: "learner home /", target: 0.5 },
  { key: "leaderboard", label: "leaderboard", target: 0.5 },
  { key: "team", label: "/team (manager of 500)", target: 0.3 },
  { key: "hr_reports", label: "/hr/reports", target: 0.3 },
  { key: "write", label: "write: Mark complete", target: 0.4 },
] as const;
export type RouteKey = (typeof ROUTES)[number]["key"];

export type SignedIn = BenchPerson & { cookie: string };

const get = (path: string, cookie: string): LoadRequest => ({ path, headers: { Cookie: cookie } });

/** Each reader opens a few lessons of the courses for their role. */
export function lessonRequests(readers: SignedIn[], catalogue: Catalogue, rand: Rand): LoadRequest[] {
  const requests: LoadRequest[] = [];
  for (const r of readers) {
    const lessons = catalogue.courses.filter((c) => isAudience(c.meta.audience, r.jobRole)).flatMap((c) => c.lessons.map((l) => `/courses/${c.slug}/${l.slug}`));
    for (const path of shuffle(rand, lessons).slice(0, 3)) requests.push(get(path, r.cookie));
  }
  return shuffle(rand, requests);
}

export function pageRequests(path: string, people: SignedIn[]): LoadRequest[] {
  return people.map((p) => get(path, p.cookie));
}

export type WriteItem = { userId: number; course: string; lesson: string };

/**
 * Mark complete, for lessons the writers have not completed: each request a distinct person and
 * lesson, interleaved so that neighbouring requests are different people.
 */
export function writeRequests(dbFile: string, writers: SignedIn[], catalogue: Catalogue, origin: string, rand: Rand): Array<LoadRequest & { item: WriteItem }> {
  const db = new Database(dbFile, { readonly: true });
  const done = db.prepare("select course_slug, lesson_slug from lesson_progress where user_id = ? and completed_at is not null");
  const perPerson = writers.map((w) => {
    const completed = new Set((done.all(w.id) as Array<{ course_slug: string; lesson_slug: string }>).map((r) => `${r.course_slug}/${r.lesson_slug}`));
    const open = catalogue.courses.flatMap((c) => c.lessons.map((l) => ({ course: c.slug, lesson: l.slug }))).filter((x) => !completed.has(`${x.course}/${x.lesson}`));
    return shuffle(rand, open).map((x) => ({ writer: w, ...x }));
  });
  db.close();
  const requests: Array<LoadRequest & { item: WriteItem }> = [];
  for (let round = 0; perPerson.some((list) => list.length > round); round++) {
    for (const list of perPerson) {
      const x = list[round];
      if (!x) continue;
      requests.push({
        path: `/courses/${x.course}/${x.lesson}`,
        method: "POST",
        headers: { Cookie: x.writer.cookie, Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
        body: `intent=complete&seconds=${60 + Math.floor(rand() * 600)}`,
        item: { userId: x.writer.id, course: x.course, lesson: x.lesson },
      });
    }
  }
  return requests;
}

/** Acknowledged writes (a redirect that is not to the sign-in page) missing from the database. */
export function lostWrites(dbFile: string, acknowledged: WriteItem[]): { checked: number; lost: WriteItem[] } {
  const db = new Database(dbFile, { readonly: true });
  const row = db.prepare("select completed_at from lesson_progress where user_id = ? and course_slug = ? and lesson_slug = ?");
  const unique = new Map(acknowledged.map((w) => [`${w.userId}/${w.course}/${w.lesson}`, w]));
  const lost = [...unique.values()].filter((w) => !(row.get(w.userId, w.course, w.lesson) as { completed_at: number | null } | undefined)?.completed_at);
  db.close();
  return { checked: unique.size, lost };
}

/** Routes whose page is a report that a change makes the server work out again (issue 7: ≤ 300 ms). */
export const REPORT_ROUTES: ReadonlySet<RouteKey> = new Set(["team", "hr_reports"]);
export const FRESH_REPORT_TARGET_MS = 300;

/**
 * Milliseconds to answer a report that cannot come from the report cache: before each request a
 * change is written from a second connection (touching a person and a lesson, as a completion
 * would), so the server recomputes it. Median of three, one at a time on an idle server: what a
 * manager waits for the first view after someone finished a course.
 */
export async function freshReportMs(url: string, request: LoadRequest, dbFile: string, count = 3): Promise<number> {
  const db = new Database(dbFile);
  db.pragma("busy_timeout = 5000");
  const touch = db.transaction(() => {
    db.prepare("update users set name = name where id = (select min(id) from users)").run();
    db.prepare("update lesson_progress set updated_at = updated_at where id = (select min(id) from lesson_progress)").run();
  });
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      touch();
      const started = performance.now();
      const response = await fetch(url + request.path, { headers: request.headers, redirect: "manual" });
      await response.arrayBuffer();
      times.push(performance.now() - started);
    }
  } finally {
    db.close();
  }
  return Math.round(times.sort((a, b) => a - b)[Math.floor(count / 2)] as number);
}
