import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A fresh folder for one test file's database and caches, removed by the caller. */
export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `carelearn-${label}-`));
}
