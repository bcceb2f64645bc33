import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type Database from "better-sqlite3";
import type { Catalogue, Course, ScenarioEntry } from "~/models/content/catalogue.server";
import { MOODS, type Mood, type Quiz, type ScenarioChoice } from "~/models/content/schemas.server";
import { weightedScore } from "~/models/content/scenario-graph.server";
import { syncEnrolments } from "~/models/enrolments.server";
import { isAudience } from "~/models/learner.server";
import { hashPassword } from "~/models/password.server";
import { type DbHandle, openDatabase } from "~/utils/db.server";
import type { JobRole } from "~/utils/job-roles";
import { int, pick, type Rand, seeded, shuffle, weighted } from "./random";
import { DAY_MS } from "~/utils/dates";

/*
 * A synthetic organisation for the benchmarks, written straight into a migrated database with raw
 * prepared statements in large transactions (../shared/stack.md, pitfall 10): about a million rows
 * a minute would be far too slow through the models.
 *
 * Everything is consistent with the schema and with the app's rules: real course, lesson, quiz and
 * scenario ids from courses/; every scenario run follows a real path through its graph with the
 * app's own mood and scoring rules; a completion only follows every lesson, a passed quiz attempt
 * and a passed run of each required role-play (after the previous certificate expired, for a
 * recertification); at most one unfinished run per person and role-play; enrolments come from
 * assignment rules through the app's own syncEnrolments.
 *
 * The issue asks for about a million lesson-progress rows and 100,000 completions at 10,000 people.
 * With one row per person and lesson, the real catalogue (32 lessons) holds at most 320,000, and
 * each completion needs a passed role-play run, so 100,000 completions cannot coexist with 50,000
 * runs. The rest is history: earlier yearly editions of the catalogue, retired before the current
 * one launched (renaming a course folder starts its history afresh: decision 003). Their courses are
 * not in courses/, as in any organisation that has run CareLearn for some years; they had no
 * role-plays. `retiredHistory: false` leaves them out.
 */

const MINUTE = 60 * 1000;

export type OrgOptions = {
  people: number;
  seed?: number;
  /** Earlier editions of the catalogue, so the tables reach the sizes (default true). */
  retiredHistory?: boolean;
  now?: number;
};

export type OrgTargets = { lessonProgress: number; completions: number; scenarioRuns: number };

/** The sizes at 10,000 people, scaled to another head count. */
export function targetsFor(people: number): OrgTargets {
  const scale = people / 10_000;
  return { lessonProgress: Math.round(1_000_000 * scale), completions: Math.round(100_000 * scale), scenarioRuns: Math.round(50_000 * scale) };
}

export type BenchPerson = { id: number; email: string; jobRole: string };

export type GeneratedOrg = {
  file: string;
  ms: number;
  password: string;
  counts: Record<string, number>;
  /** Leaderboard points derived from the outcomes by the app's own backfill, when the app has leaderboards. */
  leaderboardLedger: { rows: number; ms: number } | null;
  /** Rows of the real catalogue versus retired editions. */
  composition: { lessonProgressCurrent: number; lessonProgressRetired: number; completionsCurrent: number; completionsRetired: number };
  targets: OrgTargets;
  admin: BenchPerson;
  hr: BenchPerson;
  /** The regional manager whose reporting line is exactly 500 people. */
  manager500: BenchPerson & { lineSize: number };
  /** Active learners with typical progress: the readers of the GET benchmarks. */
  readers: BenchPerson[];
  /** Active learners with little progress: the writers of the Mark complete benchmark. */
  writers: BenchPerson[];
  /** The organisation as an import file (email, name, job_role, department, manager_email, access). */
  csv: string;
};

// ---------------------------------------------------------------------------------------------
// The organisation

type Department = { name: string; share: number; roles: ReadonlyArray<readonly [JobRole, number]>; underOperations: boolean; engagement: number };

const DEPARTMENTS: Department[] = [
  { name: "Customer service centre", share: 0.2, roles: [["call-centre-agent", 0.85], ["receptionist", 0.15]], underOperations: true, engagement: 1.0 },
  { name: "Delivery", share: 0.23, roles: [["delivery-driver", 1]], underOperations: true, engagement: 0.8 },
  { name: "Warehouse", share: 0.17, roles: [["warehouse-operative", 1]], underOperations: true, engagement: 0.75 },
  { name: "Clinic", share: 0.14, roles: [["nurse", 0.55], ["doctor", 0.3], ["receptionist", 0.15]], underOperations: false, engagement: 1.1 },
  { name: "Sales", share: 0.13, roles: [["sales-representative", 1]], underOperations: false, engagement: 0.9 },
  { name: "Finance", share: 0.07, roles: [["accountant", 1]], underOperations: false, engagement: 0.95 },
  { name: "HR", share: 0.04, roles: [["hr-officer", 1]], underOperations: false, engagement: 1.15 },
  // The managing director and the head of operations; no staff of its own.
  { name: "Operations", share: 0, roles: [["team-leader", 1]], underOperations: false, engagement: 1.0 },
];

const FIRST = ["Amina", "James", "Wanjiru", "Oliver", "Grace", "Peter", "Fatima", "George", "Esther", "Samuel", "Chloe", "David", "Njeri", "Harry", "Ruth", "Brian", "Lucy", "Kevin", "Zainab", "Mark", "Aisha", "Tom", "Irene", "Ahmed", "Sophie", "Paul", "Mercy", "Daniel", "Hannah", "Victor", "Leah", "Isaac", "Joyce", "Felix", "Priya", "Owen", "Nadia", "Collins", "Emily", "Moses", "Rose", "Liam", "Agnes", "Kofi", "Beatrice", "Ethan", "Halima", "Simon", "Martha", "Jude", "Eve", "Noah", "Caroline", "Ali", "Mei", "Lukas", "Ana", "Tariq", "Ingrid", "Mateo"];
const LAST = ["Otieno", "Clarke", "Kamau", "Patel", "Mensah", "Wright", "Hassan", "Njoroge", "Evans", "Achieng", "Brown", "Mutua", "Khan", "Taylor", "Wambui", "Okafor", "Hughes", "Ndegwa", "Ali", "Murphy", "Chebet", "Singh", "Roberts", "Kiprono", "Ahmed", "Walker", "Atieno", "Green", "Omondi", "Lewis", "Wekesa", "Hall", "Nyambura", "Young", "Barasa", "King", "Adeyemi", "Scott", "Kilonzo", "Baker", "Lindqvist", "Novak", "Costa", "Fischer", "Nakamura", "Okoye", "Ferreira", "Dubois"];

type Person = {
  id: number;
  email: string;
  name: string;
  jobRole: JobRole;
  department: number;
  managerId: number | null;
  access: "learner" | "manager" | "hr" | "admin";
  active: boolean;
  joinedAt: number;
  /** When they left (inactive people only). */
  leftAt: number | null;
  engagement: number;
  visibility: "name" | "initials" | "hidden";
};

function buildPeople(total: number, rand: Rand, now: number) {
  const people: Person[] = [];
  const reports = new Map<number, number[]>();
  const add = (jobRole: JobRole, department: number, managerId: number | null, access: Person["access"] = "learner"): Person => {
    const id = people.length + 1;
    const first = pick(rand, FIRST);
    const last = pick(rand, LAST);
    const manager = managerId !== null;
    // Tenure: mostly a few years, some long-serving, managers longer on average.
    const tenureDays = Math.min(12 * 365, 3 + Math.floor(-Math.log(1 - rand()) * 1500) + (jobRole === "delivery-driver" || jobRole === "call-centre-agent" ? 0 : int(rand, 0, 600)));
    const person: Person = {
      id,
      email: `${first}.${last}.${id}@bench.carelearn.test`.toLowerCase(),
      name: `${jobRole === "doctor" ? "Dr " : ""}${first} ${last}`,
      jobRole,
      department,
      managerId,
      access,
      active: true,
      joinedAt: now - tenureDays * DAY_MS,
      leftAt: null,
      engagement: 0,
      visibility: weighted(rand, [["name", 0.85], ["initials", 0.1], ["hidden", 0.05]] as const),
    };
    people.push(person);
    if (manager) reports.set(managerId, [...(reports.get(managerId) ?? []), id]);
    return person;
  };
  const dep = (name: string) => DEPARTMENTS.findIndex((d) => d.name === name) + 1;

  const md = add("managing-director", dep("Operations"), null, "manager");
  const admin = add("department-manager", dep("HR"), md.id, "admin");
  const operations = add("head-of-operations", dep("Operations"), md.id, "manager");

  // Department budgets; the customer service centre always holds the unit of exactly 500.
  const budget = DEPARTMENTS.map((d) => Math.round(d.share * total));
  const csc = 0;
  budget[csc] = Math.max(budget[csc] ?? 0, 502);
  const others = budget.reduce((s, b, i) => (i === csc ? s : s + b), 0);
  const room = total - 3 - (budget[csc] ?? 0);
  for (let i = 0; i < budget.length; i++) if (i !== csc) budget[i] = DEPARTMENTS[i]!.share === 0 ? 0 : Math.max(3, Math.round(((budget[i] ?? 0) * room) / others));

  let manager500: Person | null = null;
  const team = (leader: Person, size: number, d: Department, department: number) => {
    for (let i = 0; i < size; i++) add(weighted(rand, d.roles), department, leader.id, d.name === "HR" ? "hr" : "learner");
  };
  DEPARTMENTS.forEach((d, index) => {
    const department = index + 1;
    let left = (budget[index] ?? 0) - (d.name === "HR" || d.name === "Operations" ? 0 : 1);
    const head = d.name === "HR" ? admin : d.name === "Operations" ? operations : add("department-manager", department, d.underOperations ? operations.id : md.id, "manager");
    const teams = (above: Person, people: number) => {
      while (people > 0) {
        // Team sizes are skewed: many of 8-14, some of 25-30.
        const size = Math.min(people - 1, 5 + Math.floor(rand() ** 2 * 25));
        const leader = add("team-leader", department, above.id, "manager");
        people -= 1;
        if (size <= 0) break;
        team(leader, size, d, department);
        people -= size;
      }
    };
    if (index === csc) {
      // 1 regional manager + 25 team leaders × 19 staff: a reporting line of exactly 500.
      manager500 = add("department-manager", department, head.id, "manager");
      for (let t = 0; t < 25; t++) team(add("team-leader", department, manager500.id, "manager"), 19, d, department);
      left -= 501;
    }
    while (left > 0) {
      const unit = left > 700 ? int(rand, 250, 600) : left;
      if (unit > 120) {
        const regional = add("department-manager", department, head.id, "manager");
        teams(regional, unit - 1);
      } else teams(head, unit);
      left -= unit;
    }
  });
  if (!manager500) throw new Error("the 500-person unit was not built");

  // About 3% of front-line staff have left: inactive, with their history kept.
  for (const p of people) {
    if (p.access !== "learner" || reports.has(p.id) || rand() > 0.03) continue;
    const since = Math.min(now - p.joinedAt - DAY_MS, int(rand, 10, 700) * DAY_MS);
    if (since <= DAY_MS) continue;
    p.active = false;
    p.leftAt = now - since;
  }
  // Engagement: a fifth never start; the rest skewed towards keen, by department and seniority.
  for (const p of people) {
    const d = DEPARTMENTS[p.department - 1]!;
    const senior = reports.has(p.id) ? 1.05 : 1;
    p.engagement = rand() < 0.12 ? 0 : Math.min(1, rand() ** 0.6 * d.engagement * senior);
  }
  const lineOf = (id: number): number => (reports.get(id) ?? []).reduce((n, r) => n + 1 + lineOf(r), 0);
  return { people, reports, admin, manager500: manager500 as Person, line500: lineOf((manager500 as Person).id) };
}

// ---------------------------------------------------------------------------------------------
// Role-plays: real paths through real graphs, scored as the app scores them

type Walk = {
  steps: Array<{ nodeId: string; choice: ScenarioChoice; moodBefore: Mood; moodAfter: Mood }>;
  endingId: string;
  outcome: string;
  score: number;
  passed: boolean;
  totals: Record<string, number>;
  startMood: Mood;
};

function moodAt(entry: ScenarioEntry, nodeId: string, carried: Mood): Mood {
  return entry.scenario.nodes.find((n) => n.id === nodeId)?.mood ?? carried;
}

function shiftMood(mood: Mood, change: number): Mood {
  const index = Math.max(0, Math.min(MOODS.length - 1, MOODS.indexOf(mood) + change));
  return MOODS[index] as Mood;
}

function walk(entry: ScenarioEntry, skill: number, rand: Rand): Walk {
  const { scenario } = entry;
  const weight = (scores: Record<string, number>) => scenario.rubric.reduce((s, d) => s + d.weight * (scores[d.id] ?? 0), 0);
  const startMood = moodAt(entry, scenario.start, scenario.persona.mood);
  let mood = startMood;
  let nodeId = scenario.start;
  const totals: Record<string, number> = {};
  const steps: Walk["steps"] = [];
  for (let guard = 0; guard < 200; guard++) {
    const node = scenario.nodes.find((n) => n.id === nodeId);
    if (!node) break;
    const ranked = [...node.choices].sort((a, b) => weight(b.scores) - weight(a.scores));
    const choice = rand() < skill ? ranked[0]! : pick(rand, ranked);
    for (const [dimension, delta] of Object.entries(choice.scores)) totals[dimension] = (totals[dimension] ?? 0) + delta;
    const moodAfter = moodAt(entry, choice.next, shiftMood(mood, choice.moodChange));
    steps.push({ nodeId, choice, moodBefore: mood, moodAfter });
    mood = moodAfter;
    nodeId = choice.next;
  }
  const ending = scenario.endings.find((e) => e.id === nodeId);
  if (!ending) throw new Error(`scenario ${entry.id}: a walk did not reach an ending`);
  const score = weightedScore(scenario.rubric, totals, entry.analysis.maxByDimension);
  return { steps, endingId: ending.id, outcome: ending.outcome, score, passed: score >= scenario.passMark, totals, startMood };
}

/** Per role-play, a few hundred passing and failing walks to draw runs from. */
function walkPools(catalogue: Catalogue, rand: Rand) {
  const pools = new Map<string, { pass: Walk[]; fail: Walk[] }>();
  for (const entry of catalogue.scenarios.values()) {
    const pass: Walk[] = [];
    const fail: Walk[] = [];
    for (let i = 0; i < 4000 && (pass.length < 300 || fail.length < 300); i++) {
      const w = walk(entry, 0.35 + rand() * 0.65, rand);
      if (w.passed && pass.length < 300) pass.push(w);
      else if (!w.passed && fail.length < 300) fail.push(w);
    }
    if (pass.length === 0) throw new Error(`scenario ${entry.id}: no passing path found`);
    if (fail.length === 0) fail.push(...pass);
    pools.set(entry.id, { pass, fail });
  }
  return pools;
}

// ---------------------------------------------------------------------------------------------
// Quizzes

type Attempt = { answers: string; correct: number; questions: number; score: number; passed: boolean };

function attempt(quiz: Quiz, passingScore: number, pass: boolean, rand: Rand): Attempt {
  const n = quiz.questions.length;
  const needed = Array.from({ length: n + 1 }, (_, k) => k).find((k) => Math.round((100 * k) / n) >= passingScore) ?? n;
  const correct = pass ? int(rand, needed, n) : int(rand, Math.max(0, needed - 3), Math.max(0, needed - 1));
  const right = new Set(shuffle(rand, quiz.questions.map((q) => q.id)).slice(0, correct));
  const answers: Record<string, string[]> = {};
  for (const q of quiz.questions) {
    if (right.has(q.id)) answers[q.id] = q.options.filter((o) => o.correct).map((o) => o.id);
    else answers[q.id] = [(q.options.find((o) => !o.correct) ?? q.options[0]!).id];
  }
  const score = Math.round((100 * correct) / n);
  return { answers: JSON.stringify(answers), correct, questions: n, score, passed: score >= passingScore };
}

// ---------------------------------------------------------------------------------------------
// Retired editions of the catalogue

type RetiredCourse = { slug: string; lessons: string[]; audience: "everyone" | JobRole[]; quizQuestions: number };

const RETIRED_BASES: Array<{ base: string; lessons: number; audience: "everyone" | JobRole[] }> = [
  { base: "customer-care-basics", lessons: 8, audience: "everyone" },
  { base: "service-standards", lessons: 6, audience: "everyone" },
  { base: "complaints-handling", lessons: 7, audience: "everyone" },
  { base: "data-protection-with-customers", lessons: 5, audience: "everyone" },
  { base: "telephone-manner", lessons: 8, audience: ["call-centre-agent", "receptionist", "sales-representative"] },
  { base: "doorstep-service", lessons: 7, audience: ["delivery-driver", "warehouse-operative", "sales-representative"] },
  { base: "patient-experience", lessons: 8, audience: ["doctor", "nurse", "receptionist"] },
  { base: "service-leadership", lessons: 8, audience: ["managing-director", "head-of-operations", "department-manager", "team-leader"] },
];

function retiredEditions(currentLaunch: number, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const start = currentLaunch - (i + 1) * 365 * DAY_MS;
    const year = new Date(start).getUTCFullYear();
    const courses: RetiredCourse[] = RETIRED_BASES.map((b) => ({
      slug: `${b.base}-${year}`,
      lessons: Array.from({ length: b.lessons }, (_, l) => `part-${l + 1}`),
      audience: b.audience,
      quizQuestions: 10,
    }));
    return { start, end: start + 365 * DAY_MS, version: `${year}.1`, courses };
  });
}

// ---------------------------------------------------------------------------------------------
// Writing

function statements(sqlite: Database.Database) {
  return {
    department: sqlite.prepare("insert into departments (id, name) values (?, ?)"),
    user: sqlite.prepare(
      "insert into users (id, email, name, job_role, department_id, manager_id, access_level, active, leaderboard_visibility, joined_on, password_hash, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    lesson: sqlite.prepare("insert into lesson_progress (user_id, course_slug, lesson_slug, started_at, completed_at, seconds_spent, updated_at) values (?, ?, ?, ?, ?, ?, ?)"),
    quiz: sqlite.prepare(
      "insert into quiz_attempts (user_id, course_slug, quiz_id, course_version, answers, correct_count, question_count, score, passed, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    completion: sqlite.prepare("insert into course_completions (user_id, course_slug, course_version, score, completed_at, expires_at, certificate_code) values (?, ?, ?, ?, ?, ?, ?)"),
    run: sqlite.prepare(
      "insert into scenario_runs (user_id, scenario_id, course_slug, scenario_version, status, current_node_id, mood, totals, score, passed, ending_id, outcome, started_at, finished_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    choice: sqlite.prepare("insert into scenario_choices (run_id, step, node_id, choice_id, mood_before, mood_after, chosen_at) values (?, ?, ?, ?, ?, ?, ?)"),
  };
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

function addMonths(at: number, months: number): number {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function generateOrganisation(file: string, catalogue: Catalogue, options: OrgOptions): Promise<GeneratedOrg> {
  const started = performance.now();
  const now = options.now ?? Date.now();
  const rand = seeded(options.seed ?? 20261123);
  const targets = targetsFor(options.people);
  const password = "bench-carelearn";
  const passwordHash = await hashPassword(password);

  const db = openDatabase(file);
  const sqlite = db.$client;
  sqlite.pragma("synchronous = OFF");
  const st = statements(sqlite);

  const { people, reports, admin, manager500, line500 } = buildPeople(options.people, rand, now);
  const counts = { lessonProgressCurrent: 0, lessonProgressRetired: 0, completionsCurrent: 0, completionsRetired: 0, runs: 0 };
  const codes = new Set<string>();
  const certificate = () => {
    for (;;) {
      let code = "CL-";
      for (let i = 0; i < 8; i++) code += (i === 4 ? "-" : "") + CODE_ALPHABET[Math.floor(rand() * CODE_ALPHABET.length)];
      if (!codes.has(code)) {
        codes.add(code);
        return code;
      }
    }
  };

  sqlite.transaction(() => {
    DEPARTMENTS.forEach((d, i) => st.department.run(i + 1, d.name));
    for (const p of people) {
      st.user.run(p.id, p.email, p.name, p.jobRole, p.department, p.managerId, p.access, p.active ? 1 : 0, p.visibility, iso(p.joinedAt), passwordHash, p.joinedAt);
    }
  })();

  // The current catalogue went live 18 months ago; the welcome and core courses are renewed yearly
  // under the "everyone" rule, so some certificates have expired and some are about to.
  const currentLaunch = now - 540 * DAY_MS;
  const pools = walkPools(catalogue, rand);
  // The "everyone" curriculum: the welcome course (first in order) and the core course, renewed yearly.
  const welcome = [...catalogue.courses].sort((a, b) => a.meta.order - b.meta.order)[0]?.slug;
  const core = catalogue.courses.find((c) => c.meta.core)?.slug;
  const yearly = new Set([welcome, core].filter((s): s is string => Boolean(s)));
  const recertifyMonths = (course: Course) => (yearly.has(course.slug) ? 12 : (course.meta.recertifyMonths ?? null));
  const unfinished = new Set<string>();
  const gap = (e: number) => (0.1 + rand() * 3 * (1.6 - e)) * DAY_MS;

  type RunKind = "pass" | "fail" | "abandoned" | "in_progress" | "practice";
  const writeRun = (userId: number, entry: ScenarioEntry, kind: RunKind, at: number): number => {
    const pool = pools.get(entry.id)!;
    const full = kind === "pass" ? pick(rand, pool.pass) : kind === "fail" ? pick(rand, pool.fail) : pick(rand, rand() < 0.5 ? pool.pass : pool.fail);
    const partial = kind === "abandoned" || kind === "in_progress";
    const taken = partial ? int(rand, 0, Math.max(0, full.steps.length - 2)) : full.steps.length;
    const steps = full.steps.slice(0, taken);
    const totals: Record<string, number> = {};
    for (const s of steps) for (const [k, v] of Object.entries(s.choice.scores)) totals[k] = (totals[k] ?? 0) + v;
    const mood = steps.length ? steps[steps.length - 1]!.moodAfter : full.startMood;
    const stepMs = () => int(rand, 20, 90) * 1000;
    let t = at;
    const times = steps.map(() => (t += stepMs()));
    const finishedAt = partial ? (kind === "abandoned" ? t + int(rand, 1, 72) * 60 * MINUTE : null) : t;
    const current = partial ? (steps.length < full.steps.length ? full.steps[steps.length]!.nodeId : full.endingId) : full.endingId;
    const status = partial ? kind : "finished";
    if (kind === "in_progress") unfinished.add(`${userId}:${entry.id}`);
    const runId = Number(
      st.run.run(
        userId,
        entry.id,
        entry.courseSlug,
        entry.version,
        status,
        current,
        mood,
        JSON.stringify(partial ? totals : full.totals),
        partial ? null : full.score,
        partial ? null : full.passed ? 1 : 0,
        partial ? null : full.endingId,
        partial ? null : full.outcome,
        at,
        finishedAt,
      ).lastInsertRowid,
    );
    steps.forEach((s, i) => st.choice.run(runId, i, s.nodeId, s.choice.id, s.moodBefore, s.moodAfter, times[i]));
    counts.runs += 1;
    return finishedAt ?? t;
  };

  /** Attempts at each of the course's quizzes from `at`; returns when they ended and the average passing score. */
  const quizAttempts = (userId: number, course: Course, at: number, e: number, mustPass: boolean): { t: number; score: number } => {
    let t = at;
    const scores: number[] = [];
    for (const [quizId, quiz] of course.quizzes) {
      const fails = rand() < 0.1 + 0.35 * (1 - e) ? 1 + (rand() < 0.3 ? 1 : 0) : 0;
      for (let i = 0; i < fails + (mustPass ? 1 : 0); i++) {
        const a = attempt(quiz, course.meta.passingScore, mustPass && i === fails, rand);
        st.quiz.run(userId, course.slug, quizId, course.version, a.answers, a.correct, a.questions, a.score, a.passed ? 1 : 0, t);
        if (a.passed) scores.push(a.score);
        t += int(rand, 3, 20) * MINUTE;
      }
    }
    return { t, score: scores.length ? Math.round(scores.reduce((x, y) => x + y, 0) / scores.length) : 100 };
  };

  /** One person's work on one current course inside [from, to]. */
  const takeCourse = (p: Person, course: Course, from: number, to: number, optional: boolean) => {
    const e = p.engagement;
    let t = from;
    const complete = rand() < (optional ? 0.5 : 0.4 + 0.6 * e ** 0.8);
    const lessonsToDo = complete ? course.lessons.length : Math.floor(rand() * (course.lessons.length + 1));
    let done = 0;
    for (const lesson of course.lessons.slice(0, lessonsToDo)) {
      t += gap(e);
      if (t > to) break;
      const seconds = Math.round(lesson.minutes * 60 * (0.5 + rand() * 1.1));
      st.lesson.run(p.id, course.slug, lesson.slug, t - seconds * 1000, t, seconds, t);
      counts.lessonProgressCurrent += 1;
      done += 1;
    }
    const next = course.lessons[done];
    if (next && t < to && rand() < 0.7) {
      const opened = Math.min(to, t + gap(e));
      st.lesson.run(p.id, course.slug, next.slug, opened, null, int(rand, 30, 400), opened);
      counts.lessonProgressCurrent += 1;
    }
    const scenarios = course.meta.requiredScenarios.map((id) => catalogue.scenarios.get(id)).filter((s): s is ScenarioEntry => Boolean(s));
    if (done < course.lessons.length) return;
    if (!complete) {
      // Lessons read, the rest under way: a failed quiz, a role-play left unfinished.
      if (rand() < 0.5) t = quizAttempts(p.id, course, t + gap(e), e, false).t;
      for (const entry of scenarios) if (t < to && rand() < 0.5) t = writeRun(p.id, entry, rand() < 0.6 ? "in_progress" : "abandoned", Math.min(to, t + gap(e)));
      return;
    }
    // Complete: quiz passed, each required role-play passed (after some failures), then the certificate.
    let since = t;
    for (let cycle = 0; ; cycle++) {
      const quizzes = quizAttempts(p.id, course, since + gap(e), e, true);
      t = quizzes.t;
      for (const entry of scenarios) {
        if (cycle === 0 && rand() < 0.15) t = writeRun(p.id, entry, "abandoned", t + gap(e));
        const fails = rand() < 0.1 + 0.4 * (1 - e) ? 1 + (rand() < 0.3 ? 1 : 0) : 0;
        for (let i = 0; i < fails; i++) t = writeRun(p.id, entry, "fail", t + int(rand, 5, 600) * MINUTE);
        t = writeRun(p.id, entry, "pass", t + int(rand, 5, 600) * MINUTE);
      }
      if (t > to) return;
      const months = recertifyMonths(course);
      const expires = months ? addMonths(t + 1000, months) : null;
      st.completion.run(p.id, course.slug, course.version, quizzes.score, t + 1000, expires, certificate());
      counts.completionsCurrent += 1;
      if (rand() < 0.08 * (1 + e)) for (const entry of scenarios) writeRun(p.id, entry, "practice", Math.min(to, t + gap(e) * 5));
      // Renewal, after the certificate has expired; some let it lapse.
      if (expires === null || rand() > 0.5 + 0.45 * e) return;
      since = expires + int(rand, 1, 45) * DAY_MS;
      if (since > to) return;
    }
  };

  const roleCourses = (role: string) => catalogue.courses.filter((c) => isAudience(c.meta.audience, role));
  const otherCourses = (role: string) => catalogue.courses.filter((c) => !isAudience(c.meta.audience, role));
  const optionalScenarios = [...catalogue.scenarios.values()].filter((s) => !catalogue.courseBySlug.get(s.courseSlug)?.meta.requiredScenarios.includes(s.id));

  const BATCH = 500;
  for (let i = 0; i < people.length; i += BATCH) {
    sqlite.transaction(() => {
      for (const p of people.slice(i, i + BATCH)) {
        if (p.engagement === 0) continue;
        const from = Math.max(p.joinedAt, currentLaunch);
        const to = (p.leftAt ?? now) - 5 * MINUTE;
        if (to - from < DAY_MS) continue;
        const courses = [...roleCourses(p.jobRole).map((c) => ({ c, optional: false })), ...otherCourses(p.jobRole).filter(() => rand() < 0.1).map((c) => ({ c, optional: true }))];
        for (const { c, optional } of courses) {
          if (rand() > (optional ? 0.6 : 0.5 + 0.5 * p.engagement)) continue;
          const start = from + rand() ** 1.5 * (to - from) * 0.8 + c.meta.order * 2 * DAY_MS;
          if (start < to) takeCourse(p, c, start, to, optional);
        }
        for (const entry of optionalScenarios) {
          if (rand() < 0.25 * p.engagement) writeRun(p.id, entry, rand() < 0.8 ? "practice" : "abandoned", from + rand() * (to - from));
        }
      }
    })();
  }
  // Role-play practice until the runs reach the proportion (each completion needed one pass).
  const engaged = people.filter((p) => p.engagement > 0.3 && Math.max(p.joinedAt, currentLaunch) < (p.leftAt ?? now) - 2 * DAY_MS);
  const scenarioList = [...catalogue.scenarios.values()];
  sqlite.transaction(() => {
    for (let guard = 0; counts.runs < targets.scenarioRuns && guard < targets.scenarioRuns * 2 && engaged.length > 0; guard++) {
      const p = pick(rand, engaged);
      const entry = pick(rand, scenarioList);
      // A new run would have set aside the one under way: leave those people's role-play alone.
      if (unfinished.has(`${p.id}:${entry.id}`)) continue;
      const from = Math.max(p.joinedAt, currentLaunch);
      const to = (p.leftAt ?? now) - DAY_MS;
      writeRun(p.id, entry, "practice", from + rand() * (to - from));
    }
  })();

  // Earlier editions fill the history up to the sizes.
  if (options.retiredHistory ?? true) {
    const editions = retiredEditions(currentLaunch, 6);
    const pairs: Array<{ p: Person; edition: (typeof editions)[number]; from: number; to: number }> = [];
    for (const p of people) {
      for (const edition of editions) {
        const from = Math.max(p.joinedAt, edition.start);
        const to = Math.min(p.leftAt ?? now, edition.end);
        if (to - from > 30 * DAY_MS) pairs.push({ p, edition, from, to });
      }
    }
    const lessonBudget = Math.max(0, targets.lessonProgress - counts.lessonProgressCurrent);
    const completionBudget = Math.max(0, targets.completions - counts.completionsCurrent);
    const weights = pairs.map(({ p }) => 0.15 + p.engagement);
    const weightSum = weights.reduce((a, b) => a + b, 0) || 1;
    // A completed retired course is all its lessons; the completion share steers the split.
    const completeShare = Math.min(0.95, (completionBudget * 6.6) / Math.max(1, lessonBudget));
    for (let i = 0; i < pairs.length; i += 2000) {
      sqlite.transaction(() => {
        pairs.slice(i, i + 2000).forEach(({ p, edition, from, to }, j) => {
          let budget = Math.round((lessonBudget * weights[i + j]!) / weightSum + (rand() - 0.5) * 4);
          const mine = shuffle(rand, edition.courses.filter((c) => c.audience === "everyone" || c.audience.includes(p.jobRole)));
          const rest = shuffle(rand, edition.courses.filter((c) => !mine.includes(c)));
          for (const course of [...mine, ...rest]) {
            if (budget <= 0) break;
            const complete = budget >= course.lessons.length && rand() < completeShare;
            const count = complete ? course.lessons.length : Math.min(budget, int(rand, 1, course.lessons.length - 1));
            let t = from + rand() * (to - from) * 0.7;
            for (const lesson of course.lessons.slice(0, count)) {
              t = Math.min(to - MINUTE, t + gap(p.engagement));
              const seconds = int(rand, 180, 900);
              st.lesson.run(p.id, course.slug, lesson, t - seconds * 1000, complete || rand() < 0.8 ? t : null, seconds, t);
            }
            counts.lessonProgressRetired += count;
            budget -= count;
            if (!complete) continue;
            const passedAt = Math.min(to - 30 * 1000, t + int(rand, 5, 120) * MINUTE);
            const correct = int(rand, 8, 10);
            st.quiz.run(p.id, course.slug, "final", edition.version, "{}", correct, course.quizQuestions, correct * 10, 1, passedAt);
            st.completion.run(p.id, course.slug, edition.version, correct * 10, passedAt + 1000, null, certificate());
            counts.completionsRetired += 1;
          }
        });
      })();
    }
  }

  // HR's rules, as the demo's but for this organisation: they began when the current catalogue did.
  const startsOn = iso(currentLaunch);
  const depId = (name: string) => DEPARTMENTS.findIndex((d) => d.name === name) + 1;
  sqlite.transaction(() => {
    const curriculum = Number(sqlite.prepare("insert into curricula (name, description, created_at) values (?, ?, ?)").run("Customer care for everyone", "The welcome and the core course, renewed every year.", currentLaunch).lastInsertRowid);
    [welcome, core].filter(Boolean).forEach((slug, i) => sqlite.prepare("insert into curriculum_courses (curriculum_id, course_slug, position) values (?, ?, ?)").run(curriculum, slug, i));
    const rule = sqlite.prepare(
      "insert into assignment_rules (target_kind, target_department_id, target_job_role, target_manager_id, curriculum_id, course_slug, due_days, recertify_months, starts_on, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const has = (slug: string) => catalogue.courseBySlug.has(slug);
    rule.run("everyone", null, null, null, curriculum, null, 30, 12, startsOn, admin.id, currentLaunch);
    const courseRules: Array<[string, number | null, string | null, number | null, string, number]> = [
      ["department", depId("Delivery"), null, null, "care-at-the-door", 45],
      ["department", depId("Clinic"), null, null, "care-in-the-clinic", 45],
      ["department", depId("Customer service centre"), null, null, "the-front-line", 45],
      ["job_role", null, "department-manager", null, "leading-for-the-customer", 60],
      ["job_role", null, "team-leader", null, "leading-for-the-customer", 60],
      ["department", depId("Finance"), null, null, "handoffs-and-escalations", 60],
      ["department", depId("Warehouse"), null, null, "handoffs-and-escalations", 60],
      ["manager_team", null, null, manager500.id, "handoffs-and-escalations", 60],
    ];
    for (const [kind, department, role, manager, slug, due] of courseRules) if (has(slug)) rule.run(kind, department, role, manager, null, slug, due, null, startsOn, admin.id, currentLaunch);
    const named = Number(rule.run("people", null, null, null, null, "leading-for-the-customer", 60, null, startsOn, admin.id, currentLaunch).lastInsertRowid);
    const heads = people.filter((p) => p.jobRole === "managing-director" || p.jobRole === "head-of-operations");
    for (const p of heads) sqlite.prepare("insert into assignment_rule_people (rule_id, user_id) values (?, ?)").run(named, p.id);
  })();
  syncEnrolments(db, iso(now), new Date(now));
  // A few granted extensions.
  sqlite.prepare("update enrolments set extended_due_on = date(due_on, '+30 days'), extension_reason = 'Long-term leave' where id % 97 = 0").run();
  // Derived data the app keeps for leaderboards, filled by the app's own backfill for bulk loads
  // (otherwise the first server start would do it, and be no warm start).
  const leaderboardLedger = await backfillLeaderboard(db);
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("wal_checkpoint(TRUNCATE)");

  const count = (table: string) => (sqlite.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
  const tables = ["users", "departments", "lesson_progress", "quiz_attempts", "course_completions", "scenario_runs", "scenario_choices", "enrolments", "assignment_rules"];
  if (leaderboardLedger) tables.push("leaderboard_points", "leaderboard_totals");
  const tableCounts = Object.fromEntries(tables.map((t) => [t, count(t)]));

  // Readers: active learners part-way through; writers: active learners who have barely begun.
  const byId = new Map(people.map((p) => [p.id, p]));
  const learners = people.filter((p) => p.active && p.access === "learner" && !reports.has(p.id));
  const readers = shuffle(rand, learners.filter((p) => p.engagement > 0.3 && p.engagement < 0.9));
  const writers = shuffle(rand, learners.filter((p) => p.engagement < 0.25));
  const hr = people.find((p) => p.access === "hr" && p.active)!;
  const me = (p: Person): BenchPerson => ({ id: p.id, email: p.email, jobRole: p.jobRole });

  const csvLine = (values: Array<string | null>) => values.map((v) => (v === null ? "" : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(",");
  const csv = [
    "email,name,job_role,department,manager_email,access",
    // Everyone, as HR's first import of the organisation would be (the import has no "left" column).
    ...people.map((p) => {
      const manager = p.managerId === null ? null : byId.get(p.managerId);
      return csvLine([p.email, p.name, p.jobRole, DEPARTMENTS[p.department - 1]!.name, manager?.email ?? null, p.access]);
    }),
  ].join("\n");

  db.$client.close();
  return {
    file,
    ms: Math.round(performance.now() - started),
    password,
    counts: tableCounts,
    leaderboardLedger,
    composition: {
      lessonProgressCurrent: counts.lessonProgressCurrent,
      lessonProgressRetired: counts.lessonProgressRetired,
      completionsCurrent: counts.completionsCurrent,
      completionsRetired: counts.completionsRetired,
    },
    targets,
    admin: me(admin),
    hr: me(hr),
    manager500: { ...me(manager500), lineSize: line500 },
    readers: readers.slice(0, 400).map(me),
    writers: writers.slice(0, 2000).map(me),
    csv,
  };
}

/** Runs the app's leaderboard backfill (ensureLeaderboardLedger) if this version of the app has one. */
export async function backfillLeaderboard(db: DbHandle): Promise<{ rows: number; ms: number } | null> {
  const file = path.resolve("app/models/leaderboard-points.server.ts");
  if (!fs.existsSync(file)) return null;
  const module = (await import(pathToFileURL(file).href)) as { ensureLeaderboardLedger?: (db: DbHandle) => number };
  if (typeof module.ensureLeaderboardLedger !== "function") return null;
  const started = performance.now();
  const rows = module.ensureLeaderboardLedger(db);
  return { rows, ms: Math.round(performance.now() - started) };
}
