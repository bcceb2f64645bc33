import type { Db } from "~/utils/db.server";
import type { Catalogue } from "./content/catalogue.server";
import { type CourseSummary, learnerCourses } from "./learner.server";

export type LearnerHome = {
  continueWith: CourseSummary | null;
  /** Assigned and not yet complete (or expired): soonest due first. */
  due: CourseSummary[];
  forYourRole: CourseSummary[];
  completed: CourseSummary[];
  overall: { coursesForRole: number; completedForRole: number; percent: number };
};

/** The learner's home: where to pick up, what is theirs to do, and what they have achieved. */
export function learnerHome(db: Db, catalogue: Catalogue, user: { id: number; jobRole: string }, now = new Date()): LearnerHome {
  const courses = learnerCourses(db, catalogue, user, now);
  const unfinished = courses.filter((c) => c.status !== "complete" && c.status !== "expiring-soon");
  const started = unfinished.filter((c) => c.lastActivityAt).sort((a, b) => (b.lastActivityAt?.getTime() ?? 0) - (a.lastActivityAt?.getTime() ?? 0));
  const forYourRole = courses.filter((c) => c.forYourRole);
  const completedForRole = forYourRole.filter((c) => c.certificateCode && c.status !== "expired").length;
  const stepsForRole = forYourRole.reduce((n, c) => n + c.steps, 0);
  const doneForRole = forYourRole.reduce((n, c) => n + c.stepsDone, 0);
  const due = courses
    .filter((c) => c.dueOn && (c.status === "overdue" || c.status === "due-soon" || c.status === "expired" || c.status === "in-progress" || c.status === "not-started"))
    .sort((a, b) => (a.dueOn ?? "").localeCompare(b.dueOn ?? ""));
  return {
    due,
    continueWith: started[0] ?? unfinished.find((c) => c.forYourRole) ?? null,
    forYourRole,
    completed: courses.filter((c) => c.certificateCode).sort((a, b) => (b.completedAt?.getTime() ?? 0) - (a.completedAt?.getTime() ?? 0)),
    overall: {
      coursesForRole: forYourRole.length,
      completedForRole,
      percent: stepsForRole === 0 ? 0 : Math.round((100 * doneForRole) / stepsForRole),
    },
  };
}
