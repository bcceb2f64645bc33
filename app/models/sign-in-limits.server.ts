import { and, count, eq, gt, lt, min } from "drizzle-orm";
import { signInFailures } from "~db/schema";
import type { Db } from "~/utils/db.server";

export const WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

function blockedFor(db: Db, column: typeof signInFailures.email | typeof signInFailures.address, value: string, max: number, now: Date): number {
  const since = new Date(now.getTime() - WINDOW_MS);
  const row = db
    .select({ failures: count(), oldest: min(signInFailures.at) })
    .from(signInFailures)
    .where(and(eq(column, value), gt(signInFailures.at, since)))
    .get();
  if (!row || row.failures < max || !row.oldest) return 0;
  return row.oldest.getTime() + WINDOW_MS - now.getTime();
}

/**
 * How long sign-in is closed for this account or address: more than 5 failures for one account
 * or 20 from one address in 15 minutes closes it until the oldest of them is 15 minutes old.
 */
export function signInBlockedForMs(db: Db, email: string, address: string, now = new Date()): number {
  return Math.max(
    blockedFor(db, signInFailures.email, email.trim().toLowerCase(), MAX_FAILURES_PER_ACCOUNT, now),
    blockedFor(db, signInFailures.address, address, MAX_FAILURES_PER_ADDRESS, now),
  );
}

export function recordSignInFailure(db: Db, email: string, address: string, now = new Date()): void {
  db.transaction((tx) => {
    tx.insert(signInFailures).values({ email: email.trim().toLowerCase().slice(0, 320), address, at: now }).run();
    tx.delete(signInFailures).where(lt(signInFailures.at, new Date(now.getTime() - 2 * WINDOW_MS))).run();
  });
}

/** A successful sign-in forgives the account's earlier mistakes. */
export function clearSignInFailures(db: Db, email: string): void {
  db.delete(signInFailures).where(eq(signInFailures.email, email.trim().toLowerCase())).run();
}

export function minutesToWait(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}
