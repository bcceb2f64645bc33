import fs from "node:fs";
import path from "node:path";
import { cacheDir, coursesDir, env } from "~/utils/env.server";
import { type Catalogue, loadCatalogue } from "./catalogue.server";
import { LessonCompiler } from "./mdx.server";

let compiler: LessonCompiler | undefined;
let current: { catalogue: Promise<Catalogue>; signature: string } | undefined;

export function lessonCompiler(): LessonCompiler {
  compiler ??= new LessonCompiler(path.join(cacheDir(), "mdx"));
  return compiler;
}

/** Size and modification time of every content file: changes when an author saves. */
function signature(dir: string): string {
  const parts: string[] = [];
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const full = path.join(d, name);
      const stat = fs.statSync(full);
      if (stat.isDirectory()) walk(full);
      else parts.push(`${full}:${stat.size}:${stat.mtimeMs}`);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return parts.join("|");
}

/**
 * The catalogue, loaded once per process. In development it is reloaded when a file changes,
 * so a saved lesson shows on the next page load without a restart.
 */
export async function getCatalogue(): Promise<Catalogue> {
  const dev = env().NODE_ENV === "development";
  if (current && !dev) return current.catalogue;
  const sig = dev ? signature(coursesDir()) : "";
  if (!current || current.signature !== sig) {
    const catalogue = loadCatalogue(coursesDir(), lessonCompiler()).then((c) => {
      if (c.errors.length > 0 && !dev) {
        throw new Error(`The course catalogue has ${c.errors.length} problem(s); run npm run courses:check`);
      }
      return c;
    });
    current = { catalogue, signature: sig };
  }
  return current.catalogue;
}
