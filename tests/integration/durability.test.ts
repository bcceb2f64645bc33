import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { demoPeople } from "~db/seed/demo-people";
import { runCli } from "../support/cli";
import { Client } from "../support/http";
import { startServer, type TestServer } from "../support/server";
import { tempDir } from "../support/temp";

const LESSONS = fs
  .readdirSync("courses")
  .flatMap((course) => fs.readdirSync(`courses/${course}/lessons`).map((file) => ({ course, lesson: file.replace(/^\d+-/, "").replace(/\.mdx$/, "") })));
const LEARNERS = demoPeople()
  .filter((p) => p.accessLevel === "learner")
  .slice(0, 12)
  .map((p) => p.email);

const dirs: string[] = [];
let server: TestServer | undefined;
afterAll(async () => {
  await server?.stop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

type Ack = { email: string; course: string; lesson: string };

/** Every learner marks lessons complete as fast as the server answers; acknowledged writes are kept. */
function writeLoad(url: string, clients: Client[], acks: Ack[]) {
  let stopped = false;
  const workers = clients.map(async (client, index) => {
    for (const { course, lesson } of LESSONS) {
      if (stopped) return;
      try {
        const response = await client.post(`/courses/${course}/${lesson}`, { intent: "complete", seconds: "3" });
        if (response.status === 302) acks.push({ email: LEARNERS[index]!, course, lesson });
      } catch {
        return; // the server went away mid-request: this write was never acknowledged
      }
    }
  });
  return { stop: () => (stopped = true), done: Promise.all(workers), url };
}

async function signInAll(url: string) {
  return Promise.all(
    LEARNERS.map(async (email) => {
      const client = new Client(url);
      await client.signIn(email);
      return client;
    }),
  );
}

function missing(dbPath: string, acks: Ack[]): Ack[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    const query = db.prepare(
      "select 1 from lesson_progress p join users u on u.id = p.user_id where u.email = ? and p.course_slug = ? and p.lesson_slug = ? and p.completed_at is not null",
    );
    return acks.filter((a) => !query.get(a.email, a.course, a.lesson));
  } finally {
    db.close();
  }
}

describe("crash safety", () => {
  it("keeps every acknowledged write through a SIGKILL mid-load, with an intact file", async () => {
    const dir = tempDir("crash");
    dirs.push(dir);
    server = await startServer({ dir });
    const acks: Ack[] = [];
    const load = writeLoad(server.url, await signInAll(server.url), acks);
    while (acks.length < 120) await new Promise((r) => setTimeout(r, 20));
    await server.stop("SIGKILL");
    load.stop();
    await load.done;
    expect(acks.length).toBeGreaterThanOrEqual(120);

    server = await startServer({ dir });
    const db = new Database(server.dbPath, { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
    expect(missing(server.dbPath, acks)).toEqual([]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await server.stop();
    server = undefined;
  });
});

describe("backups", () => {
  it("take a consistent copy while the app serves traffic, and restore only when it is stopped", async () => {
    const dir = tempDir("backup");
    dirs.push(dir);
    server = await startServer({ dir });
    const env = { DATABASE_PATH: server.dbPath };
    const acks: Ack[] = [];
    const load = writeLoad(server.url, await signInAll(server.url), acks);
    while (acks.length < 40) await new Promise((r) => setTimeout(r, 20));
    const acknowledgedBefore = [...acks];
    const backupFile = path.join(dir, "backups", "during-load.db");
    const backup = await runCli("db-backup", [backupFile], env);
    load.stop();
    await load.done;
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toContain("integrity ok");
    expect(missing(backupFile, acknowledgedBefore)).toEqual([]);

    const refused = await runCli("db-restore", [backupFile], env);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("CareLearn is running on this database");

    const garbage = path.join(dir, "not-a-db.db");
    fs.writeFileSync(garbage, "hello");
    await server.stop();
    server = undefined;
    const bad = await runCli("db-restore", [garbage], env);
    expect(bad.code).toBe(1);
    expect(bad.output).toContain("Not restoring");

    const rowsInBackup = (new Database(backupFile, { readonly: true }).prepare("select count(*) n from lesson_progress").get() as { n: number }).n;
    const restored = await runCli("db-restore", [backupFile], env);
    expect(restored.code, restored.output).toBe(0);
    expect(restored.output).toContain("Kept the current database as");
    server = await startServer({ dir });
    const after = new Database(server.dbPath, { readonly: true });
    expect((after.prepare("select count(*) n from lesson_progress").get() as { n: number }).n).toBe(rowsInBackup);
    after.close();
    expect(rowsInBackup).toBeGreaterThanOrEqual(acknowledgedBefore.length);
    expect(rowsInBackup).toBeLessThanOrEqual(acks.length);
  });
});
