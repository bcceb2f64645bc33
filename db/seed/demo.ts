import { sql } from "drizzle-orm";
import { hashPassword } from "~/models/password.server";
import { addDays, todayIso } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { departments, users } from "../schema";
import { DEMO_DEPARTMENTS, DEMO_PASSWORD, demoPeople } from "./demo-people";

/**
 * Applies the demo organisation. Idempotent: departments and people are matched by name and
 * email, so a second run changes nothing.
 */
export async function applyDemoSeed(db: Db, today = todayIso()): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const people = demoPeople();
  db.transaction((tx) => {
    for (const name of DEMO_DEPARTMENTS) tx.insert(departments).values({ name }).onConflictDoNothing().run();
    const departmentIds = new Map(tx.select().from(departments).all().map((d) => [d.name, d.id]));
    people.forEach((person, index) => {
      tx.insert(users)
        .values({
          email: person.email,
          name: person.name,
          jobRole: person.jobRole,
          departmentId: departmentIds.get(person.department) ?? null,
          accessLevel: person.accessLevel,
          // Spread joining dates over about three years, the newest a fortnight ago.
          joinedOn: addDays(today, -(14 + ((index * 97) % 1100))),
          passwordHash,
        })
        .onConflictDoNothing()
        .run();
    });
    const ids = new Map(tx.select({ id: users.id, email: users.email }).from(users).all().map((u) => [u.email, u.id]));
    for (const person of people) {
      if (!person.managerEmail) continue;
      tx.update(users)
        .set({ managerId: ids.get(person.managerEmail) ?? null })
        .where(sql`${users.email} = ${person.email} and ${users.managerId} is null`)
        .run();
    }
  });
}

/** Seeds the demo organisation into an empty database; returns whether it did. */
export async function seedDemoOrganisation(db: Db, today = todayIso()): Promise<boolean> {
  const anyone = db.select({ id: users.id }).from(users).limit(1).get();
  if (anyone) return false;
  await applyDemoSeed(db, today);
  return true;
}
