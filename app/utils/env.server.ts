import path from "node:path";
import { z } from "zod";

const envSchema = z.object({
  DATABASE_PATH: z.string().min(1).default("data/carelearn.db"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  SESSION_SECRET: z.string().min(16, "SESSION_SECRET must be at least 16 characters").optional(),
  // 1: the demo organisation and its activity; people: the organisation only; 0: nothing.
  CARELEARN_DEMO: z.enum(["0", "1", "people"]).default("1"),
  CARELEARN_CACHE_DIR: z.string().min(1).optional(),
  CARELEARN_COURSES_DIR: z.string().min(1).default("courses"),
  // 0 turns off the in-process reminder scheduler (for sites that run `npm run reminders` from cron).
  CARELEARN_REMINDERS: z.enum(["0", "1"]).default("1"),
  NODE_ENV: z.string().default("production"),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Configuration from the environment, validated once; a bad value stops start-up with its name. */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  cached = parsed.data;
  return cached;
}

/** The folder that holds the database, caches and generated files (data/ by default). */
export function dataDir(): string {
  return path.dirname(path.resolve(env().DATABASE_PATH));
}

/** Compiled-lesson cache: beside the database unless CARELEARN_CACHE_DIR says otherwise. */
export function cacheDir(): string {
  return path.resolve(env().CARELEARN_CACHE_DIR ?? path.join(dataDir(), "cache"));
}

/** The course catalogue's folder. */
export function coursesDir(): string {
  return path.resolve(env().CARELEARN_COURSES_DIR);
}
