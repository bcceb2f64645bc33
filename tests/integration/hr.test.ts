import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../support/http";
import { startServer, type TestServer } from "../support/server";
import { count, withDb } from "../support/sql";

let server: TestServer;
let hr: Client;
let admin: Client;
beforeAll(async () => {
  server = await startServer();
  hr = new Client(server.url);
  await hr.signIn("hr@carelearn.test");
  admin = new Client(server.url);
  await admin.signIn("admin@carelearn.test");
});
afterAll(async () => {
  await server?.stop();
});

const q = (sql: string, ...params: unknown[]) => withDb(server.dbPath, (db) => db.prepare(sql).get(...params)) as Record<string, number | string>;
const departmentId = (name: string) => q("select id from departments where name = ?", name).id as number;
const userId = (email: string) => q("select id from users where email = ?", email).id as number;
const person = (overrides: Record<string, string> = {}) => ({
  intent: "save",
  name: "Priya New",
  email: "priya.new@carelearn.test",
  jobRole: "nurse",
  departmentId: String(departmentId("Clinic")),
  managerEmail: "clinic.manager@carelearn.test",
  accessLevel: "learner",
  joinedOn: "2026-11-23",
  ...overrides,
});

describe("people directory", () => {
  it("searches, filters and pages", async () => {
    expect(await (await hr.get("/hr/people?q=okello")).text()).toContain("Tom Okello");
    const clinic = await (await hr.get(`/hr/people?department=${departmentId("Clinic")}`)).text();
    expect(clinic).toContain("Dr Miriam Osei");
    expect(clinic).not.toContain("Tom Okello");
    // React separates adjacent text with <!-- --> in server HTML.
    expect((await (await hr.get("/hr/people?role=accountant")).text()).replace(/<!-- -->/g, "")).toContain("4 people match");
    const page2 = (await (await hr.get("/hr/people?page=2")).text()).replace(/<!-- -->/g, "");
    expect(page2).toContain("Page 2 of 2");
    expect((await hr.get("/hr/people?page=-3&department=abc&status=nonsense")).status).toBe(200);
  });

  it("adds a person, refusing bad input by field and writing nothing", async () => {
    const before = count(server.dbPath, "select count(*) n from users");
    const cases: Array<[Record<string, string>, string]> = [
      [{ email: "not-an-email" }, "Enter a valid email address"],
      [{ jobRole: "astronaut" }, "Choose a job role from the list"],
      [{ managerEmail: "ghost@carelearn.test" }, "No one in the directory has this email address"],
      [{ email: "DRIVER@carelearn.test" }, "Someone else already has this email address"],
      [{ accessLevel: "hr" }, "Only an administrator can grant or remove HR or admin access"],
      [{ joinedOn: "yesterday" }, "Enter the date they joined"],
      [{ name: "" }, "Enter the person"],
    ];
    for (const [fields, message] of cases) {
      const response = await hr.post("/hr/people/new", person(fields));
      expect(response.status, message).toBe(400);
      expect(await response.text(), message).toContain(message.replace("'", "&#x27;"));
    }
    expect(count(server.dbPath, "select count(*) n from users")).toBe(before);
    const created = await hr.post("/hr/people/new", person());
    expect(created.status).toBe(302);
    expect(created.headers.get("location")).toMatch(/^\/hr\/people\/\d+\?created=1$/);
    expect(count(server.dbPath, "select count(*) n from audit_log where action = 'person.create'")).toBe(1);
  });

  it("lets only an administrator grant HR access", async () => {
    const response = await admin.post("/hr/people/new", person({ email: "second.hr@carelearn.test", accessLevel: "hr" }));
    expect(response.status).toBe(302);
    expect(q("select access_level from users where email = 'second.hr@carelearn.test'").access_level).toBe("hr");
  });

  it("refuses a manager change that would loop the reporting line", async () => {
    const head = userId("ops.head@carelearn.test");
    const response = await hr.post(`/hr/people/${head}`, {
      intent: "save",
      name: "Daniel Mwangi",
      email: "ops.head@carelearn.test",
      jobRole: "head-of-operations",
      departmentId: String(departmentId("Operations")),
      managerEmail: "driver@carelearn.test",
      accessLevel: "manager",
      joinedOn: "2024-01-01",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("That would make this person their own manager");
  });

  it("deactivates without deleting: sign-in stops, history stays, and it can be undone", async () => {
    const agent = userId("agent@carelearn.test");
    expect((await hr.post(`/hr/people/${agent}`, { intent: "deactivate" })).status).toBe(302);
    expect((await new Client(server.url).post("/login", { email: "agent@carelearn.test", password: "carelearn" })).status).toBe(401);
    expect(q("select count(*) n from users where id = ?", agent).n).toBe(1);
    expect(await (await hr.get("/hr/people?status=inactive")).text()).toContain("Sara Lindqvist");
    expect((await hr.post(`/hr/people/${agent}`, { intent: "reactivate" })).status).toBe(302);
    expect((await new Client(server.url).post("/login", { email: "agent@carelearn.test", password: "carelearn" })).status).toBe(302);
    expect((await hr.get("/hr/people/999999")).status).toBe(404);
    expect((await hr.get("/hr/people/abc")).status).toBe(404);
  });
});

describe("curricula and assignment rules", () => {
  let curriculumId = 0;

  it("create, edit and archive a curriculum, refusing an empty one", async () => {
    const empty = await hr.post("/hr/curricula", { name: "Nothing in it" });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Tick at least one course");
    const created = await hr.post("/hr/curricula", {
      name: "Clinic basics",
      courses: ["care-in-the-clinic", "welcome-to-carelearn"],
      "order-care-in-the-clinic": "2",
      "order-welcome-to-carelearn": "1",
    });
    expect(created.status).toBe(302);
    curriculumId = Number(/\/hr\/curricula\/(\d+)/.exec(created.headers.get("location") ?? "")?.[1]);
    const order = withDb(server.dbPath, (db) => db.prepare("select course_slug from curriculum_courses where curriculum_id = ? order by position").all(curriculumId));
    expect(order).toEqual([{ course_slug: "welcome-to-carelearn" }, { course_slug: "care-in-the-clinic" }]);
    expect((await hr.post("/hr/curricula", { name: "clinic BASICS", courses: "welcome-to-carelearn" })).status).toBe(400);
  });

  it("assign by rule to everyone matching, refuse bad rules, and end enrolments when removed", async () => {
    const bad = await hr.post("/hr/assignments", { targetKind: "department", what: "", dueDays: "0", startsOn: "2026-11-23" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("Choose a curriculum or a course");
    expect(html).toContain("Give at least 1 day");
    const created = await hr.post("/hr/assignments", {
      targetKind: "department",
      departmentId: String(departmentId("Clinic")),
      what: `curriculum:${curriculumId}`,
      dueDays: "30",
      recertifyMonths: "12",
      startsOn: "2026-11-23",
    });
    expect(created.status).toBe(302);
    const clinicPeople = count(server.dbPath, "select count(*) n from users where department_id = ? and active = 1", departmentId("Clinic"));
    expect(count(server.dbPath, "select count(*) n from enrolments where ended_at is null")).toBe(clinicPeople * 2);
    const doctorHome = new Client(server.url);
    await doctorHome.signIn("doctor@carelearn.test");
    expect(await (await doctorHome.get("/")).text()).toContain("Assigned to you");

    const rule = q("select id from assignment_rules order by id desc limit 1").id as number;
    expect((await hr.post("/hr/assignments", { intent: "remove", ruleId: String(rule) })).status).toBe(302);
    expect(count(server.dbPath, "select count(*) n from enrolments where ended_at is null")).toBe(0);
    expect((await hr.post("/hr/assignments", { intent: "remove", ruleId: String(rule) })).status).toBe(400);
  });

  it("archive a curriculum so it assigns nothing new", async () => {
    expect((await hr.post(`/hr/curricula/${curriculumId}`, { intent: "archive" })).status).toBe(302);
    const refused = await hr.post("/hr/assignments", { targetKind: "everyone", what: `curriculum:${curriculumId}`, dueDays: "30", startsOn: "2026-11-23" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Choose a curriculum that is not archived");
  });

  it("extend one person's due date with a reason, recorded in the audit log", async () => {
    await hr.post("/hr/assignments", { targetKind: "people", peopleEmails: "driver@carelearn.test", what: "course:care-at-the-door", dueDays: "10", startsOn: "2026-11-23" });
    const driver = userId("driver@carelearn.test");
    const enrolment = q("select id, due_on from enrolments where user_id = ? and ended_at is null", driver);
    const noReason = await hr.post(`/hr/people/${driver}`, { intent: "extend", enrolmentId: String(enrolment.id), dueOn: "2027-01-31" });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Give a reason for the extension");
    const earlier = await hr.post(`/hr/people/${driver}`, { intent: "extend", enrolmentId: String(enrolment.id), dueOn: "2026-11-24", reason: "Too soon" });
    expect(earlier.status).toBe(400);
    const ok = await hr.post(`/hr/people/${driver}`, { intent: "extend", enrolmentId: String(enrolment.id), dueOn: "2027-01-31", reason: "Covering the south route in December" });
    expect(ok.status).toBe(302);
    const page = await (await hr.get(`/hr/people/${driver}`)).text();
    expect(page).toContain("Covering the south route in December");
    const audit = await (await hr.get("/hr/audit")).text();
    expect(audit).toContain("enrolment.extend");
    expect(audit).toContain("rule.create");
    expect(audit).toContain("Covering the south route in December");
  });
});
