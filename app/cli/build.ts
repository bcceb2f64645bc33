import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { isMain } from "./is-main";
import { sourceHash } from "./source-hash";

const STAMP = path.resolve("build/.source-hash");

const LOCK = path.resolve(".build.lock");

/** One build at a time: parallel test runs on one checkout would otherwise overwrite each other. */
function withBuildLock<T>(work: () => T): T {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than the deadline is from a build that died; take it over.
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 5 * 60_000 || Date.now() > deadline) fs.rmSync(LOCK, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    return work();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds the app unless build/ already matches the sources. Returns whether it built. */
export function ensureBuild({ force = false } = {}): boolean {
  return withBuildLock(() => buildIfStale(force));
}

function buildIfStale(force: boolean): boolean {
  const hash = sourceHash();
  const current = fs.existsSync("build/server/index.js") && fs.existsSync(STAMP) ? fs.readFileSync(STAMP, "utf8") : null;
  if (!force && current === hash) return false;
  console.log(force ? "Building CareLearn…" : "Build missing or out of date: building CareLearn…");
  const result = spawnSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "vite:build", "--logLevel", "warn"], {
    stdio: "inherit",
    // Vite bundles React's development build when NODE_ENV says so (vitest sets "test"): the build
    // is always the production one, whoever asks for it.
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`The build failed (exit ${result.status}); see the messages above.`);
  fs.writeFileSync(STAMP, hash);
  return true;
}

if (isMain(import.meta.url)) {
  try {
    ensureBuild({ force: process.argv.includes("--force") });
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
