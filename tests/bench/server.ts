import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export type BenchServer = {
  url: string;
  pid: number;
  /** From spawning the process to the first 200 from /healthz. */
  startMs: number;
  /** Resident memory now and the process's peak so far (VmHWM), in MB. */
  memory: () => { rssMb: number; peakMb: number };
  output: () => string;
  stop: () => Promise<void>;
};

function readStatus(pid: number): { rssMb: number; peakMb: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
    return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
  } catch {
    return { rssMb: 0, peakMb: 0 };
  }
}

/**
 * Starts the production server the way the integration tests do (`node --import tsx
 * app/cli/start.ts`), on a free loopback port, against an existing database, with no demo and no
 * reminder scheduler, and resolves once /healthz answers 200.
 */
export async function startBenchServer(options: { dbPath: string; cacheDir: string; nodeOptions?: string; timeoutMs?: number }): Promise<BenchServer> {
  const started = performance.now();
  let log = "";
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_PATH: options.dbPath,
    PORT: "0",
    HOST: "127.0.0.1",
    CARELEARN_DEMO: "0",
    CARELEARN_REMINDERS: "0",
    CARELEARN_CACHE_DIR: options.cacheDir,
  };
  if (options.nodeOptions) env.NODE_OPTIONS = options.nodeOptions;
  else delete env.NODE_OPTIONS;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "app/cli/start.ts"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within ${(options.timeoutMs ?? 180_000) / 1000} s:\n${log}`)), options.timeoutMs ?? 180_000);
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
      reject(new Error(`the server exited with ${code} before it was ready:\n${log}`));
    });
  });
  for (;;) {
    const healthy = await fetch(`${url}/healthz`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (healthy) break;
    if (performance.now() - started > (options.timeoutMs ?? 180_000)) throw new Error(`/healthz never answered 200:\n${log}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const startMs = Math.round(performance.now() - started);
  const pid = child.pid as number;
  return {
    url,
    pid,
    startMs,
    memory: () => readStatus(pid),
    output: () => log,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Samples a server's resident memory every `everyMs`; `peak()` is the highest sample since `reset()`. */
export function rssSampler(server: BenchServer, everyMs = 200) {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, server.memory().rssMb);
  }, everyMs);
  timer.unref();
  return {
    peak: () => Math.max(peak, server.memory().rssMb),
    reset: () => {
      peak = 0;
    },
    stop: () => clearInterval(timer),
  };
}
