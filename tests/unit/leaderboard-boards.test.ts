import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { users } from "~db/schema";
import { applyDemoSeed } from "~db/seed/demo";
import { changeLeaderboardSettings } from "~/models/leaderboard-admin.server";
import { clearLeaderboardCache, computeBoard, type Directory, HIDDEN_LABEL, initialsOf, leaderboardView, setLeaderboardVisibility, wallboardView } from "~/models/leaderboard.server";
import { recordScenarioPoints } from "~/models/leaderboard-points.server";
import type { DbHandle } from "~/utils/db.server";
import { tempDatabase } from "../support/db";

let t: ReturnType<typeof tempDatabase>;
let db: DbHandle;
// Wednesday 18 November 2026, mid-morning in London.
const NOW = new Date("2026-11-18T10:00:00Z");

beforeEach(async () => {
  t = tempDatabase("leaderboard-boards");
  db = t.db;
  await applyDemoSeed(db, "2026-11-01");
  // Boards are cached per process: each test has a fresh database, so a fresh cache.
  clearLeaderboardCache();
});
afterEach(() => t.close());

const idOf = (email: string) => db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
let outcome = 0;
/** Gives someone points this week through the ledger, as passed role-plays (at most 50 each). */
function give(email: string, points: number, when = NOW) {
  for (let left = points; left > 0; left -= 50) {
    outcome += 1;
    recordScenarioPoints(db, { userId: idOf(email), scenarioId: `practice-${outcome}`, courseSlug: "welcome-to-carelearn", runId: outcome, score: Math.min(50, left) * 2, at: when });
  }
}
const view = (email: string, role: string | null = null) => leaderboardView(db, { viewerId: idOf(email), window: "week", role, now: NOW });
const labels = (v: ReturnType<typeof view>) => [...(v.people?.top ?? []), ...(v.people?.around ?? [])].map((p) => p.label);

describe("privacy on the board and the wallboard", () => {
  beforeEach(() => {
    give("driver@carelearn.test", 120);
    give("doctor@carelearn.test", 90);
    give("agent@carelearn.test", 150);
    setLeaderboardVisibility(db, idOf("driver@carelearn.test"), "name");
    setLeaderboardVisibility(db, idOf("doctor@carelearn.test"), "initials");
    setLeaderboardVisibility(db, idOf("agent@carelearn.test"), "hidden");
  });

  it("shows each person as they chose: by name, by initials, or as a colleague", () => {
    const seen = view("hr@carelearn.test");
    expect(seen.people?.top.map((p) => [p.rank, p.label, p.points])).toEqual([
      [1, HIDDEN_LABEL, 150],
      [2, "Tom Okello", 120],
      [3, "M. O.", 90],
    ]);
    const page = JSON.stringify(seen);
    expect(page).not.toContain("Sara Lindqvist");
    expect(page).not.toContain("Miriam");
  });

  it("shows the same on the wallboard, where nobody is signed in", () => {
    const wall = wallboardView(db, NOW);
    expect(wall.people?.map((p) => p.label)).toEqual([HIDDEN_LABEL, "Tom Okello", "M. O."]);
    expect(JSON.stringify(wall)).not.toMatch(/Sara Lindqvist|Miriam|Lindqvist/);
  });

  it("always shows people themselves by name, whatever others see", () => {
    expect(labels(view("agent@carelearn.test"))).toContain("Sara Lindqvist (you)");
    expect(labels(view("doctor@carelearn.test"))).toContain("Dr Miriam Osei (you)");
  });

  it("still counts a hidden person for their department and manager's team", () => {
    const seen = view("hr@carelearn.test");
    const centre = seen.departments.rows.find((d) => d.label === "Customer service centre")!;
    expect(centre.total).toBe(150);
    const agentsManager = db.select({ name: users.name }).from(users).where(eq(users.email, "csc.lead.a@carelearn.test")).get()!.name;
    expect(seen.managers.rows.find((m) => m.label === `${agentsManager}'s team`)?.total).toBe(150);
  });

  it("applies a changed choice at once, everywhere", () => {
    expect(labels(view("hr@carelearn.test"))).toContain("Tom Okello");
    setLeaderboardVisibility(db, idOf("driver@carelearn.test"), "hidden");
    expect(labels(view("hr@carelearn.test"))).not.toContain("Tom Okello");
    expect(wallboardView(db, NOW).people?.map((p) => p.label)).toEqual([HIDDEN_LABEL, HIDDEN_LABEL, "M. O."]);
    setLeaderboardVisibility(db, idOf("driver@carelearn.test"), "initials");
    expect(labels(view("hr@carelearn.test"))).toContain("T. O.");
  });

  it("shows teams only when HR turns individual boards off", () => {
    changeLeaderboardSettings(db, idOf("hr@carelearn.test"), { mode: "teams", timeZone: "Europe/London" });
    const seen = view("driver@carelearn.test");
    expect(seen.people).toBeNull();
    expect(seen.ownPoints).toBe(120);
    expect(seen.departments.rows.length).toBeGreaterThan(0);
    expect(wallboardView(db, NOW).people).toBeNull();
    expect(JSON.stringify(wallboardView(db, NOW))).not.toContain("Tom Okello");
  });
});

describe("fairness", () => {
  it("ranks teams by points per head, counting everyone in the team", () => {
    const person = (id: number, departmentId: number) => [id, { id, name: `P${id}`, visibility: "name" as const, departmentId, jobRole: "nurse", managerId: null }] as const;
    const directory: Directory = {
      // A small team (3) and a big one (10); a two-person team is too small to rank.
      people: new Map([...[1, 2, 3].map((id) => person(id, 1)), ...[4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((id) => person(id, 2)), person(14, 3), person(15, 3)]),
      departments: new Map([[1, "Small"], [2, "Big"], [3, "Pair"]]),
      lines: new Map(),
      roles: ["nurse"],
    };
    // The big team scores more in all (400 against 240) but less per head (40 against 80).
    const totals = new Map([[1, 240], [4, 100], [5, 100], [6, 100], [7, 100], [14, 500]]);
    const board = computeBoard(directory, totals);
    expect(board.departments.map((d) => [d.rank, d.label, d.members, d.total, d.perHead])).toEqual([
      [1, "Small", 3, 240, 80],
      [2, "Big", 10, 400, 40],
    ]);
  });

  it("compares people within a job role when asked", () => {
    give("driver@carelearn.test", 40);
    give("doctor@carelearn.test", 200);
    const drivers = view("driver@carelearn.test", "delivery-driver");
    expect(drivers.role).toBe("delivery-driver");
    expect(drivers.people?.standing.rank).toBe(1);
    expect(labels(drivers)).not.toContain("Dr Miriam Osei");
    expect(view("driver@carelearn.test").people?.standing.rank).toBe(2);
  });

  it("shows a learner their own place, their neighbours, and what it takes to move up", () => {
    const everyone = db.select({ email: users.email }).from(users).orderBy(users.id).all().map((u) => u.email).filter((e) => e !== "driver@carelearn.test");
    // Fifteen people on 300, 290, … 160; the driver on 185 is 13th.
    everyone.slice(0, 15).forEach((email, i) => give(email, 300 - i * 10));
    give("driver@carelearn.test", 185);
    const mine = view("driver@carelearn.test");
    expect(mine.people?.top).toHaveLength(10);
    expect(mine.people?.standing).toMatchObject({ points: 185, rank: 13, of: 16, nextUp: { points: 6, rank: 12 } });
    expect(mine.people?.around.map((p) => [p.rank, p.points, p.you])).toEqual([
      [11, 200, false],
      [12, 190, false],
      [13, 185, true],
      [14, 180, false],
      [15, 170, false],
    ]);
    // Someone with no points yet sees the foot of the board and themselves below it.
    const newcomer = view(everyone[40]!);
    expect(newcomer.people?.standing).toMatchObject({ points: 0, rank: null, nextUp: { points: 161, rank: 16 } });
    expect(newcomer.people?.around.at(-1)).toMatchObject({ rank: null, you: true, points: 0 });
  });

  it("starts every week from zero in the organisation's time zone", () => {
    give("driver@carelearn.test", 50, new Date("2026-11-15T23:30:00Z"));
    // Sunday 23:30 in London: last week. In Helsinki it is already Monday: this week.
    expect(view("driver@carelearn.test").ownPoints).toBe(0);
    changeLeaderboardSettings(db, idOf("hr@carelearn.test"), { mode: "on", timeZone: "Europe/Helsinki" }, NOW);
    expect(view("driver@carelearn.test").ownPoints).toBe(50);
    expect(leaderboardView(db, { viewerId: idOf("driver@carelearn.test"), window: "month", role: null, now: NOW }).ownPoints).toBe(50);
  });

  it("makes initials from names, skipping titles", () => {
    expect(initialsOf("Tom Okello")).toBe("T. O.");
    expect(initialsOf("Dr Miriam Osei")).toBe("M. O.");
    expect(initialsOf("Cher")).toBe("C.");
    expect(initialsOf("Ösel van der Berg")).toBe("Ö. B.");
  });
});
