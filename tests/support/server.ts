import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { tempDir } from "./temp";

export type TestServer = {
  url: string;
  dbPath: string;
  dir: string;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
};

/**
 * Starts the real production server (`npm start`'s code path) on a free loopback port with
 * its own SQLite file, and resolves once it says it is ready.
 */
export async function startServer(options: { env?: Record<string, string>; dir?: string } = {}): Promise<TestServer> {
  const dir = options.dir ?? tempDir("server");
  const dbPath = path.join(dir, "carelearn.db");
  let log = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "app/cli/start.ts"], {
    cwd: path.resolve(__dirname, "../.."),
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_PATH: dbPath,
      PORT: "0",
      HOST: "127.0.0.1",
      // The demo people without their activity: tests start from learners with a clean slate.
      CARELEARN_DEMO: "people",
      // Reminders are sent by the tests that are about them, not by every server in the background.
      CARELEARN_REMINDERS: "0",
      // Compiled lessons are keyed by content hash, so test servers can share one cache.
      CARELEARN_CACHE_DIR: path.resolve(__dirname, "../.tmp/cache"),
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${log}`)), 60_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /ready on (http:\/\/[^\s]+)/.exec(log);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${log}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url,
    dbPath,
    dir,
    output: () => log,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
      if (!options.dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
