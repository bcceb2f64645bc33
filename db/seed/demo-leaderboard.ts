import { asc, eq } from "drizzle-orm";
import type { Catalogue, ScenarioEntry } from "~/models/content/catalogue.server";
import { isAudience } from "~/models/learner.server";
import { chooseOption, startRun } from "~/models/scenario-run.server";
import type { Db } from "~/utils/db.server";
import { DEFAULT_TIME_ZONE, windowAt } from "~/utils/time-zone";
import { leaderboardPoints, users } from "../schema";
import { type Rand, seeded } from "./random";
import { DAY_MS } from "~/utils/dates";


function practise(db: Db, catalogue: Catalogue, userId: number, entry: ScenarioEntry, rand: Rand, skill: number, at: number): void {
  startRun(db, userId, entry, { fresh: true }, new Date(at));
  let nodeId = entry.scenario.start;
  for (let step = 0; step < 40; step++) {
    const node = entry.scenario.nodes.find((n) => n.id === nodeId);
    if (!node) return;
    const weight = (scores: Record<string, number>) => entry.scenario.rubric.reduce((s, d) => s + d.weight * (scores[d.id] ?? 0), 0);
    const ranked = [...node.choices].sort((a, b) => weight(b.scores) - weight(a.scores));
    const choice = rand() < skill ? ranked[0]! : ranked[Math.floor(rand() * ranked.length)]!;
    const run = chooseOption(db, catalogue, userId, entry, node.id, choice.id, new Date(at + (step + 1) * 40_000));
    if (run.status === "finished") return;
    nodeId = choice.next;
  }
}

/**
 * Leaderboards for the demo: some people chose to appear by initials or not at all, so every
 * privacy choice shows; and over the last ten days (a few hours of this week among them) people
 * practised role-plays, so this week's board is not empty on first start. Points are recorded by
 * the same model calls a learner's requests make.
 */
export function seedDemoLeaderboard(db: Db, catalogue: Catalogue, now = Date.now()): void {
  const people = db.select({ id: users.id, email: users.email, jobRole: users.jobRole }).from(users).where(eq(users.active, true)).orderBy(asc(users.id)).all();
  const rand = seeded(8_2026);
  const week = windowAt("week", now, DEFAULT_TIME_ZONE);
  const thisWeek = Math.max(0, now - (week.startsAt ?? now) - 20 * 60_000);
  db.transaction((tx) => {
    people.forEach((person, index) => {
      const choice = person.email === "agent@carelearn.test" || index % 6 === 4 ? "initials" : index % 9 === 7 ? "hidden" : null;
      if (choice) tx.update(users).set({ leaderboardVisibility: choice }).where(eq(users.id, person.id)).run();
      if (rand() > 0.6) return;
      const passed = new Set(tx.select({ s: leaderboardPoints.scenarioId }).from(leaderboardPoints).where(eq(leaderboardPoints.userId, person.id)).all().map((r) => r.s));
      const open = [...catalogue.scenarios.values()].filter((e) => !passed.has(e.id) && isAudience(e.scenario.audience, person.jobRole));
      for (const entry of open.slice(0, 1 + Math.floor(rand() * 2))) {
        // About a third of this practice falls in the current week, the rest in the ten days before.
        const at = thisWeek > 0 && rand() < 0.35 ? now - 20 * 60_000 - rand() * thisWeek : now - (1 + rand() * 9) * DAY_MS;
        practise(tx, catalogue, person.id, entry, rand, 0.7 + rand() * 0.3, at);
      }
    });
  });
}
