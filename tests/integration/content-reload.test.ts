import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../support/http";
import { startServer, type TestServer } from "../support/server";
import { tempDir } from "../support/temp";

let server: TestServer;
let courses: string;
const lessonFile = () => path.join(courses, "welcome-to-carelearn/lessons/01-how-carelearn-works.mdx");

beforeAll(async () => {
  courses = tempDir("courses-copy");
  fs.cpSync("courses", courses, { recursive: true });
  server = await startServer({ env: { NODE_ENV: "development", CARELEARN_COURSES_DIR: courses } });
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(courses, { recursive: true, force: true });
});

describe("in development", () => {
  it("shows a saved lesson on the next page load, without a restart", async () => {
    const client = new Client(server.url);
    await client.signIn("driver@carelearn.test");
    const url = "/courses/welcome-to-carelearn/how-carelearn-works";
    expect(await (await client.get(url)).text()).not.toContain("Freshly saved paragraph");
    fs.appendFileSync(lessonFile(), "\n\nFreshly saved paragraph.\n");
    expect(await (await client.get(url)).text()).toContain("Freshly saved paragraph");
  });
});
