import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../support/http";
import { startServer, type TestServer } from "../support/server";
import { withDb } from "../support/sql";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  // Assign the core course to everyone, so the team pages have work to count.
  const hr = new Client(server.url);
  await hr.signIn("hr@carelearn.test");
  await hr.post("/hr/assignments", { targetKind: "everyone", what: "course:everyone-is-a-customer-care-agent", dueDays: "14", startsOn: "2026-11-01" });
});
afterAll(async () => {
  await server?.stop();
});

async function as(email: string) {
  const client = new Client(server.url);
  await client.signIn(email);
  return client;
}
const idOf = (email: string) => withDb(server.dbPath, (db) => (db.prepare("select id from users where email = ?").get(email) as { id: number }).id);

describe("a manager's view", () => {
  it("shows the whole reporting line and exports it as CSV", async () => {
    const ops = await as("ops.head@carelearn.test");
    const page = await ops.get("/team");
    expect(page.status).toBe(200);
    // 42 people: two pages.
    const html = (await page.text()) + (await (await ops.get("/team?page=2")).text());
    expect(html).toContain("Tom Okello");
    expect(html).toContain("Sara Lindqvist");
    expect(html).not.toContain("Dr Miriam Osei");
    const csv = await ops.get("/team.csv?sort=overdue");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const text = await csv.text();
    expect(text.replace(/^\uFEFF/, "").split(/\r?\n/)[0]).toBe("name,email,job_role,department,assigned,completed,in_progress,overdue,expiring_soon,percent_complete,last_activity,role_play_average");
    expect(text).toContain("driver@carelearn.test");
    expect(text).not.toContain("doctor@carelearn.test");
    expect(text.trim().split(/\r?\n/)).toHaveLength(43);
  });

  it("filters and sorts", async () => {
    const ops = await as("ops.head@carelearn.test");
    const html = await (await ops.get("/team?q=okello&sort=percent&overdue=1")).text();
    expect(html).toContain("Tom Okello");
    expect(html).not.toContain("Sara Lindqvist");
    expect((await ops.get("/team?sort=<script>&q=" + "x".repeat(500))).status).toBe(200);
  });

  it("opens a report's transcript and its CSV", async () => {
    const ops = await as("ops.head@carelearn.test");
    const driver = idOf("driver@carelearn.test");
    const page = await ops.get(`/team/${driver}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Everyone is a customer-care agent");
    const csv = await ops.get(`/team/${driver}/transcript.csv`);
    expect(csv.status).toBe(200);
    expect((await csv.text()).replace(/^\uFEFF/, "").split(/\r?\n/)[0]).toBe("type,course,item,date,score,result,details");
  });

  it("cannot see anyone outside the reporting line, by page or by export", async () => {
    const ops = await as("ops.head@carelearn.test");
    const southLead = await as("fleet.south@carelearn.test");
    const doctor = idOf("doctor@carelearn.test");
    const driver = idOf("driver@carelearn.test");
    for (const [client, person] of [[ops, doctor], [southLead, driver]] as const) {
      expect((await client.get(`/team/${person}`)).status).toBe(404);
      expect((await client.get(`/team/${person}/transcript.csv`)).status).toBe(404);
    }
    expect((await ops.get("/team/99999")).status).toBe(404);
    expect((await ops.get("/team/abc")).status).toBe(404);
    expect(await (await southLead.get("/team.csv")).text()).not.toContain("driver@carelearn.test");
    expect((await (await as("driver@carelearn.test")).get("/team")).status).toBe(403);
    // HR may open anyone's transcript.
    expect((await (await as("hr@carelearn.test")).get(`/team/${doctor}`)).status).toBe(200);
  });
});

describe("a long reporting line", () => {
  const lineSize = () =>
    withDb(server.dbPath, (db) => {
      const top = (db.prepare("select id from users where email = ?").get("joseph.kariuki@carelearn.test") as { id: number }).id;
      return (
        db
          .prepare(
            `with recursive line(id) as (select id from users where manager_id = ? union select u.id from users u join line on u.manager_id = line.id)
             select count(*) as n from line join users using (id) where users.active = 1`,
          )
          .get(top) as { n: number }
      ).n;
    });
  const people = (html: string) => [...html.matchAll(/data-person="([^"]+)"/g)].map((m) => m[1]);

  it("pages the table 25 at a time; the totals and the export cover everyone", async () => {
    const md = await as("joseph.kariuki@carelearn.test");
    const total = lineSize();
    const size = 25;
    const pages = Math.ceil(total / size);
    expect(pages).toBeGreaterThan(1);
    const page = async (n: number) => (await (await md.get(`/team?sort=name&page=${n}`)).text()).replace(/<!-- -->/g, "");
    const all = await Promise.all(Array.from({ length: pages }, (_, i) => page(i + 1)));
    all.forEach((html, i) => expect(people(html), `page ${i + 1}`).toHaveLength(i < pages - 1 ? size : total - size * (pages - 1)));
    expect(new Set(all.flatMap(people)).size).toBe(total);
    // Sorted by name across pages, not within each page only.
    const names = all.flatMap((html) => [...html.matchAll(/<a href="\/team\/\d+"[^>]*>([^<]+)<\/a>/g)].map((m) => m[1] as string));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    const first = all[0] as string;
    expect(first).toContain(`<div class="stat-value">${total}</div>`);
    expect(first).toContain(`Page 1 of ${pages}`);
    expect(first).toContain(`href="/team.csv?sort=name"`);
    // Past the last page shows the last page; nonsense shows the first.
    expect(people(await page(99))).toEqual(people(all[pages - 1] as string));
    expect(people(await page(-1))).toEqual(people(first));
    const csv = await (await md.get("/team.csv?sort=name&page=2")).text();
    expect(csv.trim().split(/\r?\n/)).toHaveLength(total + 1);
  });

  it("shows a change made anywhere, even by another process, on the next view", async () => {
    const md = await as("joseph.kariuki@carelearn.test");
    const row = async () => {
      const html = (await (await md.get("/team?q=okello")).text()).replace(/<!-- -->/g, "");
      return html.slice(html.indexOf('data-person="driver@carelearn.test"'));
    };
    const before = await row();
    expect(before).toContain('data-label="Assigned" class="num">1<');
    // Another connection, as the reminders command or a second server would write.
    withDb(server.dbPath, (db) => {
      const driver = (db.prepare("select id from users where email = ?").get("driver@carelearn.test") as { id: number }).id;
      const rule = (db.prepare("select id from assignment_rules limit 1").get() as { id: number }).id;
      db.prepare("insert into enrolments (user_id, course_slug, rule_id, assigned_on, due_on) values (?, 'care-at-the-door', ?, '2026-11-01', '2030-01-01')").run(driver, rule);
    });
    expect(await row()).toContain('data-label="Assigned" class="num">2<');
  });
});

describe("HR reports", () => {
  it("render with charts and export every table", async () => {
    const hr = await as("hr@carelearn.test");
    const html = await (await hr.get("/hr/reports")).text();
    expect(html).toContain("Care coverage");
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain("Coverage by department today");
    for (const table of ["coverage", "coverage-trend", "curriculum-departments", "curriculum-roles", "overdue"]) {
      const response = await hr.get(`/hr/reports/export/${table}`);
      expect(response.status, table).toBe(200);
      expect(response.headers.get("content-disposition"), table).toMatch(new RegExp(`attachment; filename="?${table}-\\d{4}-\\d{2}-\\d{2}\\.csv`));
    }
    expect((await hr.get("/hr/reports/export/passwords")).status).toBe(404);
    expect((await (await as("ops.head@carelearn.test")).get("/hr/reports")).status).toBe(403);
  });
});
