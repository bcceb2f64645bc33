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
    const html = await page.text();
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
