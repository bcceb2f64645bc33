import { createHash, randomBytes } from "node:crypto";
import { and, count, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { type PASSWORD_LINK_PURPOSES, passwordLinks, sessions, users } from "~db/schema";
import { DAY_MS } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { escapeHtml, wrap } from "./email-text.server";
import type { Delivery, Mailer } from "./mailer.server";
import { hashPassword } from "./password.server";

export type PasswordLinkPurpose = (typeof PASSWORD_LINK_PURPOSES)[number];

// An invitation waits for someone back from leave; a reset is asked for by someone at the keyboard.
export const LINK_LIFETIME_MS: Record<PasswordLinkPurpose, number> = { invite: 14 * DAY_MS, reset: 2 * 60 * 60 * 1000 };
// "Forgot your password" sends at most one email per account in this time, however often it is asked.
export const RESET_REQUEST_INTERVAL_MS = 5 * 60 * 1000;

function linkId(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export const passwordLinkPath = (token: string) => `/set-password/${token}`;

/** A new one-time link for a person; any earlier unused link of theirs stops working. Returns the token. */
export function createPasswordLink(db: Db, userId: number, purpose: PasswordLinkPurpose, createdBy: number | null, now = new Date()): string {
  const token = randomBytes(32).toString("base64url");
  db.transaction(
    (tx) => {
      tx.update(passwordLinks)
        .set({ usedAt: now })
        .where(and(eq(passwordLinks.userId, userId), isNull(passwordLinks.usedAt)))
        .run();
      tx.insert(passwordLinks)
        .values({ id: linkId(token), userId, purpose, createdBy, createdAt: now, expiresAt: new Date(now.getTime() + LINK_LIFETIME_MS[purpose]) })
        .run();
    },
    { behavior: "immediate" },
  );
  return token;
}

export type LinkCheck =
  | { ok: true; purpose: PasswordLinkPurpose; user: { id: number; name: string; email: string } }
  | { ok: false; reason: "unknown" | "used" | "expired" };

/** Whether a link can still set a password, and for whom. */
export function checkPasswordLink(db: Db, token: string, now = new Date()): LinkCheck {
  const row = db
    .select({ purpose: passwordLinks.purpose, expiresAt: passwordLinks.expiresAt, usedAt: passwordLinks.usedAt, id: users.id, name: users.name, email: users.email, active: users.active })
    .from(passwordLinks)
    .innerJoin(users, eq(users.id, passwordLinks.userId))
    .where(eq(passwordLinks.id, linkId(token)))
    .get();
  // A deactivated person's link is as good as unknown: it must not reveal that the account exists.
  if (!row || !row.active) return { ok: false, reason: "unknown" };
  if (row.usedAt) return { ok: false, reason: "used" };
  if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, purpose: row.purpose, user: { id: row.id, name: row.name, email: row.email } };
}

/**
 * Sets the password a link was for, once: the link is spent and every session the person had is
 * ended (a reset is often because someone else may know the old password). Returns the person's id.
 */
export async function setPasswordWithLink(db: Db, token: string, password: string, now = new Date()): Promise<LinkCheck> {
  const passwordHash = await hashPassword(password);
  return db.transaction(
    (tx) => {
      // Checked again inside the write lock: two tabs submitting the same link set it once.
      const check = checkPasswordLink(tx, token, now);
      if (!check.ok) return check;
      tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, check.user.id)).run();
      tx.update(passwordLinks).set({ usedAt: now }).where(eq(passwordLinks.id, linkId(token))).run();
      tx.update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.userId, check.user.id), isNull(sessions.revokedAt)))
        .run();
      recordAudit(tx, { actorId: check.user.id, action: check.purpose === "invite" ? "password.set_from_invitation" : "password.reset", entityType: "user", entityId: check.user.id });
      return check;
    },
    { behavior: "immediate" },
  );
}

/** The email with the link, in the reminders' plain style. */
export function passwordLinkEmail(purpose: PasswordLinkPurpose, name: string, link: string): { subject: string; text: string; html: string } {
  const invite = purpose === "invite";
  const subject = invite ? "You are invited to CareLearn" : "Choose a new CareLearn password";
  const lead = invite
    ? "Your organisation has set up CareLearn, where everyone learns to look after customers. Choose a password to sign in and see the training assigned to you."
    : "Someone (we hope you) asked to choose a new password for CareLearn. If it was not you, ignore this email: your password stays as it is.";
  const lifetime = invite ? "14 days" : "2 hours";
  const text = [`Hello ${name},`, wrap(lead), link, wrap(`The link works once, for ${lifetime}.`)].join("\n\n");
  const html = [
    `<p>Hello ${escapeHtml(name)},</p>`,
    `<p>${escapeHtml(lead)}</p>`,
    `<p><a href="${escapeHtml(link)}">${invite ? "Choose your password" : "Choose a new password"}</a></p>`,
    `<p>The link works once, for ${lifetime}.</p>`,
  ].join("\n");
  return { subject, text, html };
}

/** Creates a link for a person and emails it to them. */
export async function sendPasswordLink(
  db: Db,
  mailer: Mailer,
  person: { id: number; name: string; email: string },
  purpose: PasswordLinkPurpose,
  options: { createdBy: number | null; publicUrl: string; now?: Date },
): Promise<Delivery> {
  const token = createPasswordLink(db, person.id, purpose, options.createdBy, options.now);
  const email = passwordLinkEmail(purpose, person.name, `${options.publicUrl}${passwordLinkPath(token)}`);
  return mailer.send({ to: { name: person.name, address: person.email }, ...email, userId: person.id, date: options.now });
}

/**
 * HR's button on a person's page: an invitation for someone who has no password yet, otherwise a
 * reset link; sent and audited.
 */
export async function invitePerson(
  db: Db,
  mailer: Mailer,
  person: { id: number; name: string; email: string },
  options: { createdBy: number; publicUrl: string; now?: Date },
): Promise<void> {
  const purpose = signInState(db, person.id).hasPassword ? "reset" : "invite";
  await sendPasswordLink(db, mailer, person, purpose, options);
  recordAudit(db, { actorId: options.createdBy, action: purpose === "reset" ? "password.reset_sent" : "people.invited", entityType: "user", entityId: person.id });
}

/** What HR sees about a person's sign-in: whether they have a password, and their latest link. */
export function signInState(db: Db, userId: number, now = new Date()) {
  const person = db.select({ hasPassword: sql<number>`${users.passwordHash} is not null` }).from(users).where(eq(users.id, userId)).get();
  const link = db
    .select({ purpose: passwordLinks.purpose, createdAt: passwordLinks.createdAt, expiresAt: passwordLinks.expiresAt, usedAt: passwordLinks.usedAt })
    .from(passwordLinks)
    .where(eq(passwordLinks.userId, userId))
    .orderBy(desc(passwordLinks.createdAt))
    .limit(1)
    .get();
  return {
    hasPassword: Boolean(person?.hasPassword),
    latestLink: link ? { purpose: link.purpose, sentAt: link.createdAt, open: !link.usedAt && link.expiresAt.getTime() > now.getTime() } : null,
  };
}

// Active people who cannot sign in yet and have no invitation waiting: who "Invite everyone" emails.
const waitingForInvitation = (now: Date) =>
  and(
    eq(users.active, true),
    isNull(users.passwordHash),
    sql`not exists (select 1 from ${passwordLinks} l where l.user_id = ${users.id} and l.used_at is null and l.expires_at > ${now.getTime()})`,
  );

export function peopleToInvite(db: Db, now = new Date()) {
  return db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(waitingForInvitation(now)).orderBy(users.name).all();
}

export function countPeopleToInvite(db: Db, now = new Date()): number {
  return db.select({ n: count() }).from(users).where(waitingForInvitation(now)).get()?.n ?? 0;
}

export type InvitationRun = { sent: number; failed: Array<{ email: string; error: string }> };

/** Invites everyone who cannot sign in yet (after an import); people already invited are left alone. */
export async function inviteEveryoneWaiting(db: Db, mailer: Mailer, options: { createdBy: number; publicUrl: string; now?: Date }): Promise<InvitationRun> {
  const run: InvitationRun = { sent: 0, failed: [] };
  for (const person of peopleToInvite(db, options.now)) {
    try {
      await sendPasswordLink(db, mailer, person, "invite", options);
      run.sent += 1;
    } catch (error) {
      run.failed.push({ email: person.email, error: error instanceof Error ? error.message : String(error) });
    }
  }
  recordAudit(db, { actorId: options.createdBy, action: "people.invited", entityType: "user", after: { sent: run.sent, failed: run.failed.length } });
  return run;
}

/**
 * "Forgot your password": emails a reset link to an active account, at most once in five minutes.
 * Says nothing about whether the account exists: the page answers the same either way.
 */
export async function requestPasswordReset(db: Db, mailer: Mailer, email: string, options: { publicUrl: string; now?: Date }): Promise<"sent" | "ignored"> {
  const now = options.now ?? new Date();
  const person = db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${email.trim()})`, eq(users.active, true)))
    .get();
  if (!person) return "ignored";
  const recent = db
    .select({ id: passwordLinks.id })
    .from(passwordLinks)
    .where(and(eq(passwordLinks.userId, person.id), gt(passwordLinks.createdAt, new Date(now.getTime() - RESET_REQUEST_INTERVAL_MS))))
    .get();
  if (recent) return "ignored";
  await sendPasswordLink(db, mailer, person, "reset", { createdBy: null, publicUrl: options.publicUrl, now });
  return "sent";
}
