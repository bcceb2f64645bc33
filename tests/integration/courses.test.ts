import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { Client } from "../support/http";
import { startServer, type TestServer } from "../support/server";
import { count, withDb } from "../support/sql";

const SAMPLE = "/courses/welcome-to-carelearn";
const basics = YAML.parse(fs.readFileSync("courses/welcome-to-carelearn/quizzes/basics.yaml", "utf8")) as {
  questions: Array<{ id: string; options: Array<{ id: string; correct?: boolean; explanation: string }> }>;
};
const RIGHT_ANSWERS = { "answer-owner": "b", "answer-good-handover": ["a", "b"], "answer-voicemail": "false", "answer-lifetime": "b" };

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

async function signedIn(email: string) {
  const client = new Client(server.url);
  await client.signIn(email);
  return client;
}

const userId = (email: string) => withDb(server.dbPath, (db) => (db.prepare("select id from users where email = ?").get(email) as { id: number }).id);

describe("catalogue and pages", () => {
  it("lists every course, with those for the person's role first, and filters by audience", async () => {
    const client = await signedIn("driver@carelearn.test");
    const all = await (await client.get("/courses")).text();
    for (const title of ["Welcome to CareLearn", "Everyone is a customer-care agent", "Care at the door", "Care in the clinic", "Handoffs and escalations"]) expect(all).toContain(title);
    const drivers = await (await client.get("/courses?audience=delivery-driver")).text();
    expect(drivers).toContain("Care at the door");
    expect(drivers).not.toContain("Care in the clinic");
    const junk = await client.get("/courses?audience=<script>");
    expect(junk.status).toBe(200);
  });

  it("answers an unknown course, lesson or quiz with a 404 page", async () => {
    const client = await signedIn("driver@carelearn.test");
    for (const path of ["/courses/no-such-course", `${SAMPLE}/no-such-lesson`, `${SAMPLE}/quizzes/nope`]) {
      const response = await client.get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toContain("We could not find that page");
    }
  });

  it("never sends correct answers or explanations before the learner submits", async () => {
    const client = await signedIn("driver@carelearn.test");
    const lesson = await (await client.get(`${SAMPLE}/the-worth-of-a-customer`)).text();
    const quizPage = await (await client.get(`${SAMPLE}/quizzes/basics`)).text();
    expect(lesson).toContain("answer-owner");
    for (const html of [lesson, quizPage]) {
      expect(html).not.toMatch(/"correct"|correct:/);
      for (const q of basics.questions) for (const o of q.options) expect(html).not.toContain(o.explanation.slice(0, 40));
    }
  });
});

describe("lesson progress", () => {
  it("keeps one row however often Mark complete is posted", async () => {
    const client = await signedIn("agent@carelearn.test");
    const lesson = `${SAMPLE}/how-carelearn-works`;
    await client.get(lesson);
    const first = await client.post(lesson, { intent: "complete", seconds: "42" });
    expect(first.status).toBe(302);
    const responses = await Promise.all(Array.from({ length: 50 }, () => client.post(lesson, { intent: "complete", seconds: "1" })));
    expect(responses.every((r) => r.status === 302)).toBe(true);
    const id = userId("agent@carelearn.test");
    expect(count(server.dbPath, "select count(*) n from lesson_progress where user_id = ? and lesson_slug = 'how-carelearn-works'", id)).toBe(1);
    const row = withDb(server.dbPath, (db) => db.prepare("select completed_at, seconds_spent from lesson_progress where user_id = ? and lesson_slug = 'how-carelearn-works'").get(id)) as { completed_at: number; seconds_spent: number };
    expect(row.completed_at).toBeGreaterThan(0);
    expect(row.seconds_spent).toBeGreaterThanOrEqual(42);
  });

  it("rejects a malformed Mark complete with a 400 and writes nothing", async () => {
    const client = await signedIn("agent@carelearn.test");
    const lesson = `${SAMPLE}/the-worth-of-a-customer`;
    const bad = await client.post(lesson, { intent: "delete-everything", seconds: "abc" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("intent");
    expect(count(server.dbPath, "select count(*) n from lesson_progress where user_id = ? and completed_at is not null and lesson_slug = 'the-worth-of-a-customer'", userId("agent@carelearn.test"))).toBe(0);
  });

  it("records reading time sent when the reader leaves", async () => {
    const client = await signedIn("agent@carelearn.test");
    const form = new FormData();
    form.set("course", "welcome-to-carelearn");
    form.set("lesson", "the-worth-of-a-customer");
    form.set("seconds", "30");
    const ok = await fetch(`${server.url}/api/lesson-time`, { method: "POST", body: form, headers: { Cookie: `carelearn_session=${client.sessionCookie}`, Origin: server.url } });
    expect(ok.status).toBe(204);
    const row = withDb(server.dbPath, (db) => db.prepare("select seconds_spent from lesson_progress where user_id = ? and lesson_slug = 'the-worth-of-a-customer'").get(userId("agent@carelearn.test"))) as { seconds_spent: number };
    expect(row.seconds_spent).toBeGreaterThanOrEqual(30);
    form.set("seconds", "-5");
    const bad = await fetch(`${server.url}/api/lesson-time`, { method: "POST", body: form, headers: { Cookie: `carelearn_session=${client.sessionCookie}`, Origin: server.url } });
    expect(bad.status).toBe(400);
  });
});

describe("quizzes", () => {
  it("refuses missing, extra and unknown answers with a 400 and records no attempt", async () => {
    const client = await signedIn("doctor@carelearn.test");
    const before = count(server.dbPath, "select count(*) n from quiz_attempts");
    const cases: Array<Record<string, string | string[]>> = [
      { "answer-owner": "b" },
      { ...RIGHT_ANSWERS, "answer-extra": "a" },
      { ...RIGHT_ANSWERS, "answer-owner": "zz" },
      { ...RIGHT_ANSWERS, "answer-owner": ["a", "b"] },
    ];
    for (const fields of cases) {
      const response = await client.post(`${SAMPLE}/quizzes/basics`, fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
    }
    expect(count(server.dbPath, "select count(*) n from quiz_attempts")).toBe(before);
  });

  it("grades on the server, keeps every attempt and explains each answer afterwards", async () => {
    const client = await signedIn("doctor@carelearn.test");
    const failed = await client.post(`${SAMPLE}/quizzes/basics`, { "answer-owner": "a", "answer-good-handover": "a", "answer-voicemail": "true", "answer-lifetime": "b" });
    expect(failed.status).toBe(200);
    const failedHtml = await failed.text();
    expect(failedHtml).toContain("Not passed yet");
    expect(failedHtml).toContain("Partly right");
    const passed = await (await client.post(`${SAMPLE}/quizzes/basics`, RIGHT_ANSWERS)).text();
    expect(passed).toMatch(/100(<!-- -->)?%/);
    expect(passed).toContain("Passed");
    expect(passed).toContain(basics.questions[0]!.options.find((o) => o.correct)!.explanation.slice(0, 40));
    expect(count(server.dbPath, "select count(*) n from quiz_attempts where user_id = ?", userId("doctor@carelearn.test"))).toBe(2);
  });
});

describe("course completion and certificates", () => {
  it("completes the course once lessons, quiz and required scenario are done, and verifies the certificate publicly", async () => {
    const client = await signedIn("hr@carelearn.test");
    for (const lesson of ["how-carelearn-works", "the-worth-of-a-customer"]) await client.post(`${SAMPLE}/${lesson}`, { intent: "complete" });
    await client.post(`${SAMPLE}/quizzes/basics`, RIGHT_ANSWERS);
    const id = userId("hr@carelearn.test");
    expect(count(server.dbPath, "select count(*) n from course_completions where user_id = ?", id)).toBe(0);

    await client.post("/scenarios/first-call", { intent: "start" });
    for (const [node, choice] of [["start", "take-it"], ["details", "look-it-up"], ["update", "promise-callback"]]) {
      const step = await client.post("/scenarios/first-call", { intent: "choose", node: node!, choice: choice! });
      expect(step.status).toBe(302);
    }
    const completion = withDb(server.dbPath, (db) => db.prepare("select certificate_code code, score, expires_at from course_completions where user_id = ?").all(id)) as Array<{ code: string; score: number; expires_at: number | null }>;
    expect(completion).toHaveLength(1);
    expect(completion[0]).toMatchObject({ score: 100, expires_at: null });
    const code = completion[0]!.code;
    expect(code).toMatch(/^CL-[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    const overview = await (await client.get(SAMPLE)).text();
    expect(overview).toContain(`/certificates/${code}`);
    const anonymous = await new Client(server.url).get(`/certificates/${code}`);
    expect(anonymous.status).toBe(200);
    const html = await anonymous.text();
    expect(html).toContain("Helen Achieng");
    expect(html).toContain("Valid certificate");
    expect(await (await new Client(server.url).get(`/certificates/${code.toLowerCase()}`)).text()).toContain("Valid certificate");

    withDb(server.dbPath, (db) => db.prepare("update course_completions set expires_at = ? where certificate_code = ?").run(Date.now() - 1000, code));
    expect(await (await new Client(server.url).get(`/certificates/${code}`)).text()).toContain("This certificate has expired");
    expect(await (await new Client(server.url).get("/certificates/CL-0000-0000")).text()).toContain("Unknown certificate");

    // Another quiz pass after completion changes nothing: completions are not duplicated.
    withDb(server.dbPath, (db) => db.prepare("update course_completions set expires_at = null where certificate_code = ?").run(code));
    await client.post(`${SAMPLE}/quizzes/basics`, RIGHT_ANSWERS);
    expect(count(server.dbPath, "select count(*) n from course_completions where user_id = ?", id)).toBe(1);
  });
});
