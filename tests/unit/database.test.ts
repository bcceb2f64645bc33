import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { applyDemoSeed, seedDemoOrganisation } from "~db/seed/demo";
import { tempDatabase } from "../support/db";

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

function fresh() {
  const t = tempDatabase();
  cleanup.push(t.close);
  return t;
}

describe("migrations", () => {
  it("create every table in an empty file, with WAL, foreign keys and a busy timeout", () => {
    const { db, file } = fresh();
    const tables = db.$client
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(["audit_log", "departments", "sessions", "settings", "users"]));
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.$client.pragma("busy_timeout", { simple: true })).toBe(5000);
    // A second connection sees a migrated file: the migrations were committed.
    const other = new Database(file, { readonly: true });
    expect(other.prepare("select count(*) as n from __drizzle_migrations").get()).toMatchObject({ n: expect.any(Number) });
    other.close();
  });

  it("treat emails as unique regardless of case", () => {
    const { db } = fresh();
    const insert = db.$client.prepare("insert into users (email, name, job_role, joined_on) values (?, 'X', 'nurse', '2026-01-01')");
    insert.run("Nurse@Example.com");
    expect(() => insert.run("nurse@example.COM")).toThrow(/UNIQUE/);
  });

  it("refuse a manager who does not exist (foreign keys are on)", () => {
    const { db } = fresh();
    expect(() =>
      db.$client.prepare("insert into users (email, name, job_role, joined_on, manager_id) values ('a@b.c', 'A', 'nurse', '2026-01-01', 999)").run(),
    ).toThrow(/FOREIGN KEY/);
  });
});

function snapshot(db: ReturnType<typeof fresh>["db"]) {
  return {
    departments: db.$client.prepare("select id, name from departments order by id").all(),
    users: db.$client
      .prepare("select id, email, name, job_role, department_id, manager_id, access_level, active, joined_on, password_hash from users order by id")
      .all(),
  };
}

describe("demo organisation seed", () => {
  it("gives the same data when applied twice", async () => {
    const { db } = fresh();
    await applyDemoSeed(db, "2026-11-23");
    const first = snapshot(db);
    await applyDemoSeed(db, "2026-11-23");
    expect(snapshot(db)).toEqual(first);
    expect(await seedDemoOrganisation(db, "2026-11-23")).toBe(false);
    expect(snapshot(db)).toEqual(first);
  });

  it("is a realistic company: 8 departments, 60+ people, fixed sign-ins, a deep hierarchy", async () => {
    const { db } = fresh();
    expect(await seedDemoOrganisation(db, "2026-11-23")).toBe(true);
    const { departments, users } = snapshot(db) as {
      departments: Array<{ name: string }>;
      users: Array<{ id: number; email: string; manager_id: number | null; access_level: string; job_role: string }>;
    };
    expect(departments.map((d) => d.name).sort()).toEqual(
      ["Clinic", "Customer service centre", "Delivery", "Finance", "HR", "Operations", "Sales", "Warehouse"].sort(),
    );
    expect(users.length).toBeGreaterThanOrEqual(60);
    const byEmail = new Map(users.map((u) => [u.email, u]));
    expect(byEmail.get("admin@carelearn.test")?.access_level).toBe("admin");
    expect(byEmail.get("hr@carelearn.test")?.access_level).toBe("hr");
    expect(byEmail.get("driver@carelearn.test")?.job_role).toBe("delivery-driver");
    expect(byEmail.get("doctor@carelearn.test")?.job_role).toBe("doctor");
    expect(byEmail.get("agent@carelearn.test")?.job_role).toBe("call-centre-agent");
    const byId = new Map(users.map((u) => [u.id, u]));
    const depth = (u: (typeof users)[number]): number => (u.manager_id ? 1 + depth(byId.get(u.manager_id)!) : 0);
    const head = byEmail.get("ops.head@carelearn.test")!;
    expect(users.filter((u) => u.manager_id === head.id).length).toBeGreaterThan(1);
    expect(depth(byEmail.get("driver@carelearn.test")!)).toBeGreaterThanOrEqual(4);
    for (const role of ["call-centre-agent", "receptionist", "delivery-driver", "doctor", "nurse", "head-of-operations", "warehouse-operative", "accountant", "sales-representative", "hr-officer"]) {
      expect(users.some((u) => u.job_role === role), role).toBe(true);
    }
  });
});

describe("prepared statements", () => {
  it("are reused per connection, and a reused one starts in row mode whatever the last caller set", async () => {
    const { db } = fresh();
    await applyDemoSeed(db, "2026-11-01");
    const query = "select email from users where email = ?";
    const first = db.$client.prepare(query);
    // drizzle reads some results as arrays and leaves the statement so.
    expect(first.raw().get("driver@carelearn.test")).toEqual(["driver@carelearn.test"]);
    const again = db.$client.prepare(query);
    expect(again).toBe(first);
    expect(again.get("driver@carelearn.test")).toEqual({ email: "driver@carelearn.test" });
    // Statements that return nothing are reused too.
    const update = "update users set name = name where email = ?";
    expect(db.$client.prepare(update)).toBe(db.$client.prepare(update));
    expect(db.$client.prepare(update).run("driver@carelearn.test").changes).toBe(1);
  });
});
