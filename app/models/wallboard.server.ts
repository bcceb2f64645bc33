/**
 * Wallboard links for office screens: a random token in the address, of which the database keeps
 * only a SHA-256 (like sessions), so a leaked database does not open any screen. HR creates and
 * revokes them; a revoked or unknown token is a 404.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { users, wallboardTokens } from "~db/schema";
import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,64}$/;
/** "Last used" is written at most this often per screen, so a refreshing screen is not a write load. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function createWallboardToken(db: Db, actorId: number, label: string): { id: number; token: string } {
  const token = randomBytes(32).toString("base64url");
  return db.transaction((tx) => {
    const row = tx.insert(wallboardTokens).values({ label, tokenHash: hashToken(token), createdBy: actorId }).returning({ id: wallboardTokens.id }).get();
    recordAudit(tx, { actorId, action: "wallboard.create", entityType: "wallboard_token", entityId: row.id, after: { label } });
    return { id: row.id, token };
  });
}

/** Revokes a link; false when there is no such live link. */
export function revokeWallboardToken(db: Db, actorId: number, id: number): boolean {
  return db.transaction((tx) => {
    const revoked = tx
      .update(wallboardTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(wallboardTokens.id, id), isNull(wallboardTokens.revokedAt)))
      .returning({ label: wallboardTokens.label })
      .get();
    if (!revoked) return false;
    recordAudit(tx, { actorId, action: "wallboard.revoke", entityType: "wallboard_token", entityId: id, before: { label: revoked.label } });
    return true;
  });
}

export function listWallboardTokens(db: Db) {
  return db
    .select({
      id: wallboardTokens.id,
      label: wallboardTokens.label,
      createdAt: wallboardTokens.createdAt,
      createdBy: users.name,
      revokedAt: wallboardTokens.revokedAt,
      lastUsedAt: wallboardTokens.lastUsedAt,
    })
    .from(wallboardTokens)
    .leftJoin(users, eq(users.id, wallboardTokens.createdBy))
    .orderBy(desc(wallboardTokens.id))
    .all();
}

/** The live link a token opens, or null (malformed, unknown or revoked). */
export function findWallboard(db: Db, token: string, now = new Date()): { id: number; label: string } | null {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = db
    .select({ id: wallboardTokens.id, label: wallboardTokens.label })
    .from(wallboardTokens)
    .where(and(eq(wallboardTokens.tokenHash, hashToken(token)), isNull(wallboardTokens.revokedAt)))
    .get();
  if (!row) return null;
  db.update(wallboardTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(wallboardTokens.id, row.id), or(isNull(wallboardTokens.lastUsedAt), lt(wallboardTokens.lastUsedAt, new Date(now.getTime() - TOUCH_EVERY_MS)))))
    .run();
  return row;
}
