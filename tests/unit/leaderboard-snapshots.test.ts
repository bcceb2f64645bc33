import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { users } from "~db/schema";
import { applyDemoSeed } from "~db/seed/demo";
import { changeLeaderboardSettings } from "~/models/leaderboard-admin.server";
import { clearLeaderboardCache, HIDDEN_LABEL, setLeaderboardVisibility, viewerPlacement } from "~/models/leaderboard.server";
import { recordScenarioPoints, recountLeaderboard } from "~/models/leaderboard-points.server";
import { listSnapshots, MAX_BACKFILL_WEEKS, publishDueWeeks, resetPublishMemo, snapshotView } from "~/models/leaderboard-snapshots.server";
import { createWallboardToken, findWallboard, listWallboardTokens, revokeWallboardToken } from "~/models/wallboard.server";
import type { DbHandle } from "~/utils/db.server";
import { tempDatabase } from "../support/db";

let t: ReturnType<typeof tempDatabase>;
let db: DbHandle;

beforeEach(async () => {
  t = tempDatabase("leaderboard-snapshots");
  db = t.db;
  await applyDemoSeed(db, "2026-11-01");
  clearLeaderboardCache();
  resetPublishMemo();
});
afterEach(() => t.close());

const idOf = (email: string) => db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
let outcome = 0;
function give(email: string, points: number, when: string) {
  for (let left = points; left > 0; left -= 50) {
    outcome += 1;
    recordScenarioPoints(db, { userId: idOf(email), scenarioId: `practice-${outcome}`, courseSlug: "welcome-to-carelearn", runId: outcome, score: Math.min(50, left) * 2, at: new Date(when) });
  }
}
const frozen = () => ({
  snapshots: db.$client.prepare("select * from leaderboard_snapshots order by id").all(),
  entries: db.$client.prepare("select * from leaderboard_snapshot_entries order by id").all(),
});
const hr = () => viewerPlacement(db, idOf("hr@carelearn.test"));

/** Two weeks of points: the week of 9 November, then the week of 16 November. */
function twoWeeks() {
  give("driver@carelearn.test", 100, "2026-11-10T10:00:00Z");
  give("doctor@carelearn.test", 80, "2026-11-11T10:00:00Z");
  give("agent@carelearn.test", 60, "2026-11-12T10:00:00Z");
  give("agent@carelearn.test", 150, "2026-11-17T10:00:00Z");
  give("driver@carelearn.test", 100, "2026-11-18T10:00:00Z");
  give("ops.head@carelearn.test", 40, "2026-11-19T10:00:00Z");
}

describe("publishing a week's boards", () => {
  it("publishes each week once it has ended in the organisation's time zone, with movers", () => {
    twoWeeks();
    // Sunday 22 November 23:30 in London: the week of the 16th has not ended.
    expect(publishDueWeeks(db, new Date("2026-11-22T23:30:00Z"))).toEqual(["2026-11-09"]);
    expect(publishDueWeeks(db, new Date("2026-11-23T00:00:01Z"))).toEqual(["2026-11-16"]);
    expect(publishDueWeeks(db, new Date("2026-11-23T09:00:00Z"), { force: true })).toEqual([]);
    expect(listSnapshots(db).map((s) => [s.weekStart, s.scorers])).toEqual([
      ["2026-11-16", 3],
      ["2026-11-09", 3],
    ]);
    const week = snapshotView(db, "2026-11-16", hr(), "on", null)!;
    expect(week.people?.top.map((p) => [p.rank, p.label, p.points, p.movement, p.previousRank])).toEqual([
      [1, "Sara Lindqvist", 150, "up", 3],
      [2, "Tom Okello", 100, "down", 1],
      [3, "Daniel Mwangi", 40, "new", null],
    ]);
    expect(week.people?.climbers.map((c) => c.label)).toEqual(["Sara Lindqvist"]);
    expect(week.people?.newcomers).toBe(1);
    expect(week.departments.length).toBeGreaterThan(0);
  });

  it("never changes a published week: late points, new choices, a new time zone, a recount, republishing", () => {
    setLeaderboardVisibility(db, idOf("agent@carelearn.test"), "initials");
    twoWeeks();
    publishDueWeeks(db, new Date("2026-11-24T09:00:00Z"));
    const before = frozen();
    expect(before.snapshots).toHaveLength(2);
    // Points that arrive later for a time inside the published week.
    give("hr@carelearn.test", 300, "2026-11-17T12:00:00Z");
    setLeaderboardVisibility(db, idOf("driver@carelearn.test"), "hidden");
    db.$client.prepare("update users set department_id = null where email = 'doctor@carelearn.test'").run();
    changeLeaderboardSettings(db, idOf("admin@carelearn.test"), { mode: "teams", timeZone: "America/New_York" });
    recountLeaderboard(db);
    resetPublishMemo();
    publishDueWeeks(db, new Date("2026-11-24T09:00:00Z"), { force: true });
    expect(frozen()).toEqual(before);
    // And the database itself refuses to edit or delete one.
    expect(() => db.$client.prepare("update leaderboard_snapshot_entries set points = 0").run()).toThrow(/never change/);
    expect(() => db.$client.prepare("delete from leaderboard_snapshot_entries").run()).toThrow(/never change/);
    expect(() => db.$client.prepare("update leaderboard_snapshots set week_start = '2020-01-06'").run()).toThrow(/never change/);
    expect(() => db.$client.prepare("delete from leaderboard_snapshots").run()).toThrow(/never change/);
    expect(frozen()).toEqual(before);
  });

  it("shows people in a published week by the stricter of their choice then and now", () => {
    setLeaderboardVisibility(db, idOf("agent@carelearn.test"), "hidden");
    twoWeeks();
    publishDueWeeks(db, new Date("2026-11-24T09:00:00Z"));
    setLeaderboardVisibility(db, idOf("agent@carelearn.test"), "name");
    setLeaderboardVisibility(db, idOf("driver@carelearn.test"), "hidden");
    const labels = snapshotView(db, "2026-11-16", hr(), "on", null)!.people!.top.map((p) => p.label);
    expect(labels).toEqual([HIDDEN_LABEL, HIDDEN_LABEL, "Daniel Mwangi"]);
    // Each person still sees themselves.
    expect(snapshotView(db, "2026-11-16", viewerPlacement(db, idOf("driver@carelearn.test")), "on", null)!.people!.you?.label).toBe("Tom Okello (you)");
    // With individual boards off now, only teams are shown, whatever was published.
    expect(snapshotView(db, "2026-11-16", hr(), "teams", null)!.people).toBeNull();
  });

  it("freezes only team boards while individual boards are off", () => {
    twoWeeks();
    changeLeaderboardSettings(db, idOf("admin@carelearn.test"), { mode: "teams", timeZone: "Europe/London" });
    publishDueWeeks(db, new Date("2026-11-24T09:00:00Z"));
    expect(db.$client.prepare("select count(*) n from leaderboard_snapshot_entries where board = 'people'").get()).toEqual({ n: 0 });
    expect((db.$client.prepare("select count(*) n from leaderboard_snapshot_entries where board = 'department'").get() as { n: number }).n).toBeGreaterThan(0);
    changeLeaderboardSettings(db, idOf("admin@carelearn.test"), { mode: "on", timeZone: "Europe/London" });
    expect(snapshotView(db, "2026-11-16", hr(), "on", null)!.people).toBeNull();
  });

  it("reaches back at most a few weeks the first time, and publishes nothing before any points", () => {
    expect(publishDueWeeks(db, new Date("2026-11-24T09:00:00Z"))).toEqual([]);
    give("driver@carelearn.test", 50, "2026-03-03T10:00:00Z");
    resetPublishMemo();
    const weeks = publishDueWeeks(db, new Date("2026-11-24T09:00:00Z"));
    expect(weeks).toHaveLength(MAX_BACKFILL_WEEKS);
    expect(weeks.at(-1)).toBe("2026-11-16");
  });
});

describe("wallboard links", () => {
  it("open with the token, keep only its hash, and stop working when revoked", () => {
    const actor = idOf("hr@carelearn.test");
    const { id, token } = createWallboardToken(db, actor, "Depot canteen");
    expect(findWallboard(db, token)).toEqual({ id, label: "Depot canteen" });
    expect(JSON.stringify(db.$client.prepare("select * from wallboard_tokens").all())).not.toContain(token);
    expect(findWallboard(db, `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`)).toBeNull();
    expect(findWallboard(db, "short")).toBeNull();
    expect(listWallboardTokens(db)[0]).toMatchObject({ label: "Depot canteen", createdBy: "Helen Achieng", revokedAt: null });
    expect(revokeWallboardToken(db, actor, id)).toBe(true);
    expect(findWallboard(db, token)).toBeNull();
    expect(revokeWallboardToken(db, actor, id)).toBe(false);
    expect(db.$client.prepare("select action from audit_log where entity_type = 'wallboard_token' order by id").all()).toEqual([{ action: "wallboard.create" }, { action: "wallboard.revoke" }]);
  });
});
