import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { sessions, users } from "~db/schema";
import { DAY_MS } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { preparedQuery } from "~/utils/prepared.server";

export const SESSION_LIFETIME_MS = 14 * DAY_MS;
// Writing last_seen on every request would turn every page view into a write.
const LAST_SEEN_RESOLUTION_MS = 5 * 60 * 1000;

function sessionId(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Starts a new session and returns the token for the cookie (only its hash is stored). */
export function createSession(db: Db, userId: number, userAgent: string | null, now = new Date()): string {
  const token = randomBytes(32).toString("base64url");
  db.insert(sessions)
    .values({
      id: sessionId(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
      userAgent: userAgent?.slice(0, 300) ?? null,
    })
    .run();
  return token;
}

export type SessionUser = {
  id: number;
  email: string;
  name: string;
  jobRole: string;
  accessLevel: "learner" | "manager" | "hr" | "admin";
  departmentId: number | null;
  managerId: number | null;
  leaderboardVisibility: "name" | "initials" | "hidden";
  /** Whether anyone active reports to them (who may see /team). */
  hasReports: boolean;
};

// Every signed-in request runs this, so it is built once (see app/utils/prepared.server.ts).
const sessionLookup = (db: Db) =>
  db
    .select({
      lastSeenAt: sessions.lastSeenAt,
      user: {
        id: users.id,
        email: users.email,
        name: users.name,
        jobRole: users.jobRole,
        accessLevel: users.accessLevel,
        departmentId: users.departmentId,
        managerId: users.managerId,
        leaderboardVisibility: users.leaderboardVisibility,
        hasReports: sql<number>`exists (select 1 from users r where r.manager_id = ${users.id} and r.active = 1)`.mapWith(Boolean),
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.id, sql.placeholder("id")), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql.placeholder("now")), eq(users.active, true)),
    )
    .prepare();

/** The active person behind a live (unexpired, unrevoked) session token, if any. */
export function findSessionUser(db: Db, token: string, now = new Date()): SessionUser | undefined {
  const id = sessionId(token);
  const row = preparedQuery(db, "session-lookup", sessionLookup).get({ id, now: now.getTime() });
  if (!row) return undefined;
  if (now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id)).run();
  }
  return row.user as SessionUser;
}

export function revokeSession(db: Db, token: string, now = new Date()): void {
  db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, sessionId(token))).run();
}

/** Ends every session of a person except the one given (after a password change). */
export function revokeOtherSessions(db: Db, userId: number, keepToken: string | null, now = new Date()): void {
  const keep = keepToken ? sessionId(keepToken) : "";
  db.update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), ne(sessions.id, keep)))
    .run();
}
