import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// Everything that goes into the Vite build. Courses are read at run time, so they are not here.
const INPUTS = ["app", "public", "db/schema.ts", "vite.config.ts", "tsconfig.json", "package.json", "package-lock.json"];
const SKIP = new Set(["cli"]);

function* files(entry: string): Generator<string> {
  if (!fs.existsSync(entry)) return;
  const stat = fs.statSync(entry);
  if (stat.isFile()) {
    yield entry;
    return;
  }
  for (const name of fs.readdirSync(entry).sort()) {
    if (SKIP.has(name) && entry === "app") continue;
    yield* files(path.join(entry, name));
  }
}

/** A hash of the build's inputs: a changed file means a stale build. */
export function sourceHash(root = process.cwd()): string {
  const hash = createHash("sha256");
  for (const input of INPUTS) {
    for (const file of files(path.join(root, input))) {
      hash.update(path.relative(root, file));
      hash.update("\0");
      hash.update(fs.readFileSync(file));
      hash.update("\0");
    }
  }
  return hash.digest("hex");
}
