import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { settings } from "~db/schema";
import type { Db } from "~/utils/db.server";

export function getSetting(db: Db, key: string): string | undefined {
  return db.select().from(settings).where(eq(settings.key, key)).get()?.value;
}

export function setSetting(db: Db, key: string, value: string): void {
  db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}

/**
 * The cookie-signing secret: SESSION_SECRET when set, otherwise one generated on first run
 * and kept in the database, so restarts do not sign everyone out.
 */
export function sessionSecret(db: Db, fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  const stored = getSetting(db, "session_secret");
  if (stored) return stored;
  const generated = randomBytes(32).toString("base64url");
  db.insert(settings).values({ key: "session_secret", value: generated }).onConflictDoNothing().run();
  // Another process may have won the race: read back whichever value was stored.
  return getSetting(db, "session_secret") ?? generated;
}
