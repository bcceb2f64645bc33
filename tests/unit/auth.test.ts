import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "~db/schema";
import { applyDemoSeed } from "~db/seed/demo";
import { hashPassword, verifyPassword } from "~/models/password.server";
import { createSession, findSessionUser, revokeOtherSessions, revokeSession } from "~/models/session.server";
import { checkCredentials } from "~/models/sign-in.server";
import { safeRedirectPath } from "~/utils/auth.server";
import { passwordAvoidsEmail } from "~/utils/password-rules";
import { tempDatabase } from "../support/db";

const t = tempDatabase("auth");
const db = t.db;
let driverId = 0;

beforeAll(async () => {
  await applyDemoSeed(db, "2026-11-23");
  driverId = db.select().from(users).where(eq(users.email, "driver@carelearn.test")).get()!.id;
});
afterAll(() => t.close());

describe("passwords", () => {
  it("hash with scrypt and a random salt, and verify only the right password", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
    expect(await verifyPassword("anything", "not-a-hash")).toBe(false);
  });

  it("reject passwords that contain the email", () => {
    expect(passwordAvoidsEmail("my name is helen.achieng ok", "helen.achieng@x.org")).toBe(false);
    expect(passwordAvoidsEmail("four quiet garden lamps", "helen.achieng@x.org")).toBe(true);
  });
});

describe("credentials", () => {
  it("accept the demo password regardless of email case", async () => {
    expect(await checkCredentials(db, "Driver@CareLearn.test", "carelearn")).toEqual({ ok: true, userId: driverId });
  });

  it("give the same answer for a wrong password and an unknown email", async () => {
    expect(await checkCredentials(db, "driver@carelearn.test", "wrong")).toEqual({ ok: false });
    expect(await checkCredentials(db, "nobody@carelearn.test", "carelearn")).toEqual({ ok: false });
  });

  it("refuse a deactivated person", async () => {
    const nurse = db.select().from(users).where(eq(users.jobRole, "nurse")).get()!;
    db.update(users).set({ active: false }).where(eq(users.id, nurse.id)).run();
    expect(await checkCredentials(db, nurse.email, "carelearn")).toEqual({ ok: false });
  });
});

describe("sessions", () => {
  it("find the person behind a live token, and nobody after expiry or revocation", () => {
    const now = new Date("2026-11-23T10:00:00Z");
    const token = createSession(db, driverId, "test", now);
    expect(findSessionUser(db, token, now)?.email).toBe("driver@carelearn.test");
    expect(findSessionUser(db, token, new Date("2026-12-08T10:00:00Z"))).toBeUndefined();
    revokeSession(db, token, now);
    expect(findSessionUser(db, token, now)).toBeUndefined();
  });

  it("store only a hash of the token", () => {
    const token = createSession(db, driverId, null);
    const stored = db.$client.prepare("select id from sessions").all() as Array<{ id: string }>;
    expect(stored.some((s) => s.id === token)).toBe(false);
  });

  it("revoke a person's other sessions but keep the current one", () => {
    const keep = createSession(db, driverId, null);
    const other = createSession(db, driverId, null);
    revokeOtherSessions(db, driverId, keep);
    expect(findSessionUser(db, keep)).toBeDefined();
    expect(findSessionUser(db, other)).toBeUndefined();
  });
});

describe("redirect paths", () => {
  it("stay on this site", () => {
    expect(safeRedirectPath("/courses?x=1")).toBe("/courses?x=1");
    expect(safeRedirectPath("//evil.example")).toBe("/");
    expect(safeRedirectPath("https://evil.example")).toBe("/");
    expect(safeRedirectPath("/\\evil.example")).toBe("/");
    expect(safeRedirectPath(null)).toBe("/");
  });
});
