import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { Client } from "../support/http";
import { startServer, type TestServer } from "../support/server";
import { count, withDb } from "../support/sql";

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

describe("security headers", () => {
  it("are on pages, data and errors alike", async () => {
    const client = await signedIn("driver@carelearn.test");
    for (const path of ["/login", "/", "/healthz", "/no-such-page", "/courses/welcome-to-carelearn"]) {
      const response = await (path === "/login" ? new Client(server.url) : client).get(path);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).not.toContain("unsafe-eval");
      expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("referrer-policy"), path).toBe("same-origin");
      expect(response.headers.get("x-frame-options"), path).toBe("DENY");
      expect(response.headers.get("x-powered-by"), path).toBeNull();
    }
  });

  it("give every inline script the response's nonce, and a new nonce each time", async () => {
    const first = await new Client(server.url).get("/login");
    const second = await new Client(server.url).get("/login");
    const nonce = /'nonce-([^']+)'/.exec(first.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers.get("content-security-policy")).not.toContain(nonce!);
    const html = await first.text();
    const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });
});

describe("compiled lessons", () => {
  it("are served as same-origin scripts by content hash, to signed-in people only", async () => {
    const client = await signedIn("driver@carelearn.test");
    const html = await (await client.get("/courses/welcome-to-carelearn/how-carelearn-works")).text();
    const src = /<script src="(\/lesson-code\/[a-f0-9]{64}\.js)"/.exec(html)?.[1];
    expect(src).toBeTruthy();
    const script = await client.get(src!);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toContain("text/javascript");
    expect(await script.text()).toMatch(/^\(self\.__carelearnLessons = /);
    expect((await new Client(server.url).get(src!)).status).toBe(302);
    expect((await client.get("/lesson-code/" + "0".repeat(64) + ".js")).status).toBe(404);
    expect((await client.get("/lesson-code/../../package.json")).status).toBeGreaterThanOrEqual(400);
  });
});

describe("answers never reach the browser early", () => {
  const quizzes = fs.readdirSync("courses").flatMap((slug) =>
    fs.existsSync(`courses/${slug}/quizzes`) ? fs.readdirSync(`courses/${slug}/quizzes`).map((f) => YAML.parse(fs.readFileSync(`courses/${slug}/quizzes/${f}`, "utf8"))) : [],
  ) as Array<{ questions: Array<{ options: Array<{ explanation: string }> }> }>;
  const scenario = YAML.parse(fs.readFileSync("courses/welcome-to-carelearn/scenarios/first-call.yaml", "utf8")) as {
    nodes: Array<{ choices: Array<{ feedback: string }> }>;
  };

  it("in any page or script sent before answering", async () => {
    const client = await signedIn("agent@carelearn.test");
    await client.post("/scenarios/first-call", { intent: "start" });
    const pages = ["/courses/welcome-to-carelearn/the-worth-of-a-customer", "/courses/welcome-to-carelearn/quizzes/basics", "/courses/everyone-is-a-customer-care-agent/quizzes/final", "/scenarios/first-call"];
    const bodies: string[] = [];
    const scripts = new Set<string>();
    for (const page of pages) {
      const html = await (await client.get(page)).text();
      bodies.push(html);
      for (const match of html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)) scripts.add(match[1]!);
    }
    for (const src of scripts) bodies.push(await (await client.get(src)).text());
    expect(scripts.size).toBeGreaterThan(3);
    const secrets = [
      ...quizzes.flatMap((q) => q.questions.flatMap((question) => question.options.map((o) => o.explanation.slice(0, 50)))),
      ...scenario.nodes.flatMap((n) => n.choices.map((c) => c.feedback.slice(0, 50))),
    ];
    for (const body of bodies) {
      expect(body).not.toMatch(/"correct"\s*:|\bcorrect:\s*(true|false)/);
      expect(body).not.toMatch(/"scores"\s*:|"moodChange"|"maxByDimension"|"passMark"\s*:\s*\d/);
      for (const secret of secrets) expect(body.includes(secret), secret).toBe(false);
    }
  });
});

describe("concurrency", () => {
  it("simultaneous passing quiz submissions leave exactly one completion", async () => {
    const client = await signedIn("doctor@carelearn.test");
    for (const lesson of ["how-carelearn-works", "the-worth-of-a-customer"]) await client.post(`/courses/welcome-to-carelearn/${lesson}`, { intent: "complete" });
    await client.post("/scenarios/first-call", { intent: "start" });
    for (const [node, choice] of [["start", "take-it"], ["details", "look-it-up"], ["update", "promise-callback"]]) await client.post("/scenarios/first-call", { intent: "choose", node: node!, choice: choice! });
    const answers = { "answer-owner": "b", "answer-good-handover": ["a", "b"], "answer-voicemail": "false", "answer-lifetime": "b" };
    const responses = await Promise.all(Array.from({ length: 20 }, () => client.post("/courses/welcome-to-carelearn/quizzes/basics", answers)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const userId = withDb(server.dbPath, (db) => (db.prepare("select id from users where email = 'doctor@carelearn.test'").get() as { id: number }).id);
    expect(count(server.dbPath, "select count(*) n from quiz_attempts where user_id = ?", userId)).toBe(20);
    expect(count(server.dbPath, "select count(*) n from course_completions where user_id = ?", userId)).toBe(1);
  });
});
