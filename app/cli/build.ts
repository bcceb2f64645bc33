import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { isMain } from "./is-main";
import { sourceHash } from "./source-hash";

const STAMP = path.resolve("build/.source-hash");

/** Builds the app unless build/ already matches the sources. Returns whether it built. */
export function ensureBuild({ force = false } = {}): boolean {
  const hash = sourceHash();
  const current = fs.existsSync("build/server/index.js") && fs.existsSync(STAMP) ? fs.readFileSync(STAMP, "utf8") : null;
  if (!force && current === hash) return false;
  console.log(force ? "Building CareLearn…" : "Build missing or out of date: building CareLearn…");
  const result = spawnSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "vite:build", "--logLevel", "warn"], {
    stdio: "inherit",
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
