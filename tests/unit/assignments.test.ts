import { eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { departments, enrolments, users } from "~db/schema";
import { applyDemoSeed } from "~db/seed/demo";
import { extendDueDate, personAssignments, reminderDigests } from "~/models/assignments.server";
import { evaluateCourseCompletion } from "~/models/completion.server";
import { type Catalogue, loadCatalogue } from "~/models/content/catalogue.server";
import { LessonCompiler } from "~/models/content/mdx.server";
import { saveCurriculum } from "~/models/curricula.server";
import { syncEnrolments } from "~/models/enrolments.server";
import { createPerson, updatePerson } from "~/models/people.server";
import { markLessonComplete } from "~/models/progress.server";
import { submitQuiz } from "~/models/quiz.server";
import { createRule, removeRule } from "~/models/rules.server";
import { chooseOption, startRun } from "~/models/scenario-run.server";
import type { DbHandle } from "~/utils/db.server";
import { tempDatabase } from "../support/db";

let catalogue: Catalogue;
let t: ReturnType<typeof tempDatabase>;
let db: DbHandle;
const TODAY = "2026-11-23";

beforeAll(async () => {
  catalogue = await loadCatalogue("courses", new LessonCompiler("tests/.tmp/mdx-cache"));
});
beforeEach(async () => {
  t = tempDatabase("assignments");
  db = t.db;
  await applyDemoSeed(db, "2026-11-01");
});
afterEach(() => t.close());

const idOf = (email: string) => db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
const admin = () => ({ id: idOf("admin@carelearn.test"), accessLevel: "admin" as const });
const enrolmentOf = (email: string, course: string) =>
  db.select().from(enrolments).where(sql`${enrolments.userId} = ${idOf(email)} and ${enrolments.courseSlug} = ${course}`).get();
const activeCount = () => db.$client.prepare("select count(*) n from enrolments where ended_at is null").get() as { n: number };

/** Rules are created "today" in these tests: their createdAt is the real clock, so pin it. */
function pinRuleCreation(day: string) {
  db.$client.prepare("update assignment_rules set created_at = ?").run(Date.parse(`${day}T09:00:00Z`));
}

describe("assignment rules", () => {
  it("apply at once to everyone who matches, with no duplicate enrolments however often they sync", () => {
    const result = createRule(db, catalogue, admin().id, { targetKind: "job_role", jobRole: "delivery-driver", courseSlug: "care-at-the-door", dueDays: 30, startsOn: TODAY });
    expect(result.ok).toBe(true);
    const drivers = (db.$client.prepare("select count(*) n from users where job_role = 'delivery-driver'").get() as { n: number }).n;
    expect(activeCount().n).toBe(drivers);
    expect(enrolmentOf("driver@carelearn.test", "care-at-the-door")).toMatchObject({ assignedOn: TODAY, dueOn: "2026-12-23" });
    expect(enrolmentOf("doctor@carelearn.test", "care-at-the-door")).toBeUndefined();
    expect(syncEnrolments(db, TODAY)).toEqual({ created: 0, updated: 0, ended: 0 });
    // A second rule for the same course makes no second enrolment; the earlier due date wins.
    createRule(db, catalogue, admin().id, { targetKind: "everyone", courseSlug: "care-at-the-door", dueDays: 10, startsOn: TODAY });
    expect((db.$client.prepare("select count(*) n from enrolments where user_id = ? and course_slug = 'care-at-the-door'").get(idOf("driver@carelearn.test")) as { n: number }).n).toBe(1);
    expect(enrolmentOf("driver@carelearn.test", "care-at-the-door")?.dueOn).toBe("2026-12-03");
  });

  it("cover a curriculum's courses and a manager's whole reporting line", () => {
    const curriculum = saveCurriculum(db, admin().id, null, { name: "Core", description: "", courses: ["welcome-to-carelearn", "everyone-is-a-customer-care-agent"] });
    if (!curriculum.ok) throw new Error("curriculum");
    createRule(db, catalogue, admin().id, { targetKind: "manager_team", managerEmail: "ops.head@carelearn.test", curriculumId: curriculum.id, dueDays: 14, startsOn: TODAY });
    for (const course of ["welcome-to-carelearn", "everyone-is-a-customer-care-agent"]) {
      expect(enrolmentOf("driver@carelearn.test", course), course).toBeDefined();
      expect(enrolmentOf("agent@carelearn.test", course), course).toBeDefined();
      expect(enrolmentOf("doctor@carelearn.test", course), course).toBeUndefined();
    }
    expect(enrolmentOf("ops.head@carelearn.test", "welcome-to-carelearn")).toBeUndefined();
  });

  it("are retroactive: existing people get the rule's start date; a new joiner later gets their join date", () => {
    createRule(db, catalogue, admin().id, { targetKind: "department", departmentId: db.select().from(departments).where(eq(departments.name, "Clinic")).get()!.id, courseSlug: "care-in-the-clinic", dueDays: 30, startsOn: "2026-11-01" });
    pinRuleCreation("2026-11-01");
    expect(enrolmentOf("doctor@carelearn.test", "care-in-the-clinic")).toMatchObject({ assignedOn: "2026-11-01", dueOn: "2026-12-01" });
    const clinic = db.select().from(departments).where(eq(departments.name, "Clinic")).get()!.id;
    const hire = createPerson(db, admin(), { name: "New Nurse", email: "new.nurse@carelearn.test", jobRole: "nurse", departmentId: clinic, managerEmail: "clinic.manager@carelearn.test", accessLevel: "learner", joinedOn: "2026-11-20" });
    expect(hire.ok).toBe(true);
    expect(enrolmentOf("new.nurse@carelearn.test", "care-in-the-clinic")).toMatchObject({ assignedOn: "2026-11-20", dueOn: "2026-12-20" });
  });

  it("follow a transfer: the old department's course ends, the new one starts from the day of the move", () => {
    const ids = Object.fromEntries(db.select().from(departments).all().map((d) => [d.name, d.id]));
    createRule(db, catalogue, admin().id, { targetKind: "department", departmentId: ids["Delivery"], courseSlug: "care-at-the-door", dueDays: 30, startsOn: "2026-11-01" });
    createRule(db, catalogue, admin().id, { targetKind: "department", departmentId: ids["Customer service centre"], courseSlug: "the-front-line", dueDays: 30, startsOn: "2026-11-01" });
    pinRuleCreation("2026-11-01");
    expect(enrolmentOf("driver@carelearn.test", "care-at-the-door")?.endedAt).toBeNull();
    const driverId = idOf("driver@carelearn.test");
    const person = { name: "Tom Okello", email: "driver@carelearn.test", jobRole: "call-centre-agent", departmentId: ids["Customer service centre"]!, managerEmail: "csc.lead.a@carelearn.test", accessLevel: "learner" as const, joinedOn: "2026-11-01" };
    db.$client.prepare("update users set joined_on = '2024-03-01' where id = ?").run(driverId);
    expect(updatePerson(db, admin(), driverId, { ...person, joinedOn: "2024-03-01" })).toEqual({ ok: true });
    syncEnrolments(db, "2026-11-23");
    expect(enrolmentOf("driver@carelearn.test", "care-at-the-door")?.endedAt).not.toBeNull();
    expect(enrolmentOf("driver@carelearn.test", "the-front-line")).toMatchObject({ endedAt: null });
  });

  it("when removed, end the enrolments they made but keep completions", () => {
    const rule = createRule(db, catalogue, admin().id, { targetKind: "everyone", courseSlug: "welcome-to-carelearn", dueDays: 7, startsOn: TODAY });
    if (!rule.ok) throw new Error("rule");
    const driverId = idOf("driver@carelearn.test");
    db.$client.prepare("insert into course_completions (user_id, course_slug, course_version, score, completed_at, certificate_code) values (?, 'welcome-to-carelearn', 'v', 90, ?, 'CL-KEEP-ME00')").run(driverId, Date.now());
    expect(removeRule(db, admin().id, rule.id)).toBe(true);
    expect(activeCount().n).toBe(0);
    expect(db.$client.prepare("select count(*) n from course_completions").get()).toEqual({ n: 1 });
    expect(db.$client.prepare("select count(*) n from enrolments").get()).not.toEqual({ n: 0 });
  });

  it("refuse bad targets with a message by field", () => {
    const result = createRule(db, catalogue, admin().id, { targetKind: "people", peopleEmails: ["ghost@x.org"], courseSlug: "nope", dueDays: 5, startsOn: TODAY });
    expect(result).toEqual({
      ok: false,
      problems: [
        { field: "peopleEmails", message: "Not in the directory: ghost@x.org" },
        { field: "courseSlug", message: "Choose a course from the catalogue" },
      ],
    });
  });
});

describe("due dates and recertification", () => {
  function completeWelcome(email: string, at: Date) {
    const userId = idOf(email);
    const course = catalogue.courseBySlug.get("welcome-to-carelearn")!;
    for (const lesson of course.lessons) markLessonComplete(db, userId, course.slug, lesson.slug, 60, at);
    submitQuiz(db, userId, course, "basics", [["answer-owner", "b"], ["answer-good-handover", "a"], ["answer-good-handover", "b"], ["answer-voicemail", "false"], ["answer-lifetime", "b"]], at);
    const entry = catalogue.scenarios.get("first-call")!;
    startRun(db, userId, entry, { fresh: true }, at);
    // The last step of the required role-play completes the course.
    for (const [node, choice] of [["start", "take-it"], ["details", "look-it-up"], ["update", "promise-callback"]]) chooseOption(db, catalogue, userId, entry, node!, choice!, at);
    return evaluateCourseCompletion(db, userId, course, at);
  }
  const completions = (email: string) => (db.$client.prepare("select count(*) n from course_completions where user_id = ?").get(idOf(email)) as { n: number }).n;

  it("go overdue, are extended with a reason, then recertify across an expiry", () => {
    createRule(db, catalogue, admin().id, { targetKind: "everyone", courseSlug: "welcome-to-carelearn", dueDays: 14, recertifyMonths: 12, startsOn: "2026-11-01" });
    pinRuleCreation("2026-11-01");
    const status = (at: string) => personAssignments(db, catalogue, idOf("agent@carelearn.test"), new Date(`${at}T12:00:00Z`))[0]!;
    expect(status("2026-11-02")).toMatchObject({ dueOn: "2026-11-15", status: "due-soon" });
    expect(status("2026-11-20").status).toBe("overdue");
    const enrolment = enrolmentOf("agent@carelearn.test", "welcome-to-carelearn")!;
    expect(extendDueDate(db, admin().id, enrolment.id, "2026-11-10", "earlier")).toBe("not-later");
    expect(extendDueDate(db, admin().id, enrolment.id, "2026-12-31", "Back from leave on 1 December")).toBe("done");
    expect(status("2026-11-20")).toMatchObject({ dueOn: "2026-12-31", status: "not-started", extensionReason: "Back from leave on 1 December" });
    expect(db.$client.prepare("select count(*) n from audit_log where action = 'enrolment.extend'").get()).toEqual({ n: 1 });

    expect(completeWelcome("agent@carelearn.test", new Date("2026-11-25T09:00:00Z"))).toEqual({ status: "already-complete" });
    expect(completions("agent@carelearn.test")).toBe(1);
    const completion = db.$client.prepare("select expires_at from course_completions where user_id = ?").get(idOf("agent@carelearn.test")) as { expires_at: number };
    expect(new Date(completion.expires_at).toISOString().slice(0, 10)).toBe("2027-11-25");
    expect(status("2027-06-01").status).toBe("complete");
    expect(status("2027-11-01").status).toBe("expiring-soon");
    expect(status("2027-11-26").status).toBe("expired");
    const digest = reminderDigests(db, catalogue, new Date("2027-11-26T12:00:00Z")).find((d) => d.email === "agent@carelearn.test");
    expect(digest?.items).toEqual([{ courseSlug: "welcome-to-carelearn", title: expect.any(String), dueOn: "2027-11-25", status: "overdue" }]);

    // Recertifying needs the quiz and role-play passed again after the expiry: a new completion.
    completeWelcome("agent@carelearn.test", new Date("2027-11-28T09:00:00Z"));
    expect(completions("agent@carelearn.test")).toBe(2);
    expect(status("2027-12-01").status).toBe("complete");
  });
});
