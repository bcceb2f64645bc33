import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../support/http";
import { startServer, type TestServer } from "../support/server";
import { count, withDb } from "../support/sql";

const HEADER = "email,name,job_role,department,manager_email,access";
const IMPORT = "/hr/people/import";

let server: TestServer;
const clients: Record<"anonymous" | "learner" | "manager" | "hr" | "admin", Client> = {} as never;

beforeAll(async () => {
  server = await startServer();
  clients.anonymous = new Client(server.url);
  const signIns = { learner: "driver@carelearn.test", manager: "ops.head@carelearn.test", hr: "hr@carelearn.test", admin: "admin@carelearn.test" } as const;
  for (const [who, email] of Object.entries(signIns)) {
    const client = new Client(server.url);
    await client.signIn(email);
    clients[who as keyof typeof signIns] = client;
  }
});
afterAll(async () => {
  await server?.stop();
});

const csv = (...lines: string[]) => [HEADER, ...lines].join("\n");
/** A page's HTML without the comments React puts between adjacent text pieces. */
const pageText = async (response: Response) => (await response.text()).replace(/<!-- -->/g, "");

/** Posts a file as the browser's multipart form would. */
function upload(client: Client, content: string | Uint8Array, fileName = "people.csv", type = "text/csv"): Promise<Response> {
  const form = new FormData();
  form.set("intent", "preview");
  form.set("file", new Blob([typeof content === "string" ? content : new Uint8Array(content)], { type }), fileName);
  const cookie = client.sessionCookie ? `carelearn_session=${client.sessionCookie}` : "";
  return fetch(`${server.url}${IMPORT}`, { method: "POST", body: form, redirect: "manual", headers: { Cookie: cookie, Origin: server.url } });
}

/** Uploads a clean file and returns the stored import's number from the redirect. */
async function previewId(client: Client, content: string): Promise<number> {
  const response = await upload(client, content);
  expect(response.status, await response.clone().text()).toBe(302);
  const location = response.headers.get("location") ?? "";
  expect(location).toMatch(/^\/hr\/people\/import\?import=\d+$/);
  return Number(location.split("=")[1]);
}

/** Row counts of every table an import writes to. */
function counts() {
  return withDb(server.dbPath, (db) =>
    Object.fromEntries(
      ["users", "departments", "audit_log", "enrolments", "people_imports"].map((t) => [t, (db.prepare(`select count(*) n from ${t}`).get() as { n: number }).n]),
    ),
  );
}

const userRow = (email: string) =>
  withDb(server.dbPath, (db) => db.prepare("select id, name, manager_id, department_id, password_hash, access_level from users where lower(email) = ?").get(email) as
    | { id: number; name: string; manager_id: number | null; department_id: number | null; password_hash: string | null; access_level: string }
    | undefined);

describe("who may import and export", () => {
  it("sends an anonymous visitor to sign in, for the page, the upload and the export", async () => {
    for (const path of [IMPORT, `${IMPORT}?import=1`, "/hr/people.csv"]) {
      const response = await clients.anonymous.get(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location"), path).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
    const posted = await upload(clients.anonymous, csv("x@example.org,X,nurse,Clinic,,"));
    expect(posted.status).toBe(302);
    expect(posted.headers.get("location")).toMatch(/^\/login/);
  });

  it("answers 403 to a learner and a manager, and stores nothing they send", async () => {
    const before = counts();
    for (const who of ["learner", "manager"] as const) {
      for (const path of [IMPORT, "/hr/people.csv"]) {
        const response = await clients[who].get(path);
        expect(response.status, `${who} ${path}`).toBe(403);
        expect(await response.text(), `${who} ${path}`).not.toContain("driver@carelearn.test,");
      }
      expect((await upload(clients[who], csv("sneaky@example.org,Sneaky,nurse,Clinic,,admin"))).status, who).toBe(403);
      expect((await clients[who].post(IMPORT, { intent: "apply", importId: "1" })).status, who).toBe(403);
    }
    expect(counts()).toEqual(before);
  });
});

describe("the import page", () => {
  it("offers a multipart upload form with the columns and an example", async () => {
    const response = await clients.hr.get(IMPORT);
    expect(response.status).toBe(200);
    const html = await response.text();
    // HTML attribute names ignore case; React writes encType.
    expect(html).toMatch(/<form[^>]*method="post"[^>]*enctype="multipart\/form-data"/i);
    expect(html).toMatch(/<input[^>]*type="file"[^>]*name="file"[^>]*accept="\.csv,text\/csv"/);
    for (const column of ["email", "name", "job_role", "department", "manager_email", "access"]) expect(html).toContain(`<td>${column}</td>`);
    expect(html).toContain(HEADER);
  });

  it("previews, confirms and reports the counts; managers may come later and departments are created", async () => {
    const driver = userRow("driver@carelearn.test")!;
    const before = counts();
    const id = await previewId(
      clients.hr,
      csv(
        "new.report@example.org,New Report,call-centre-agent,Research Lab,new.boss@example.org,",
        "new.boss@example.org,New Boss,department-manager,Research Lab,ops.head@carelearn.test,manager",
        "Driver@CareLearn.test,Tom Okello-Renamed,delivery-driver,Delivery,fleet.north@carelearn.test,",
      ),
    );
    // Stored, not applied.
    expect(counts()).toEqual({ ...before, people_imports: before.people_imports! + 1 });

    const page = await clients.hr.get(`${IMPORT}?import=${id}`);
    expect(page.status).toBe(200);
    const html = await pageText(page);
    expect(html).toMatch(/>2<\/div><div class="stat-label">to create/);
    expect(html).toMatch(/>1<\/div><div class="stat-label">to update/);
    expect(html).toMatch(/>1<\/div><div class="stat-label">department to create/);
    expect(html).toContain("Research Lab");
    expect(html).toContain("Confirm and import");
    expect(html).toContain(`name="importId" value="${id}"`);

    const applied = await clients.hr.post(IMPORT, { intent: "apply", importId: String(id) });
    expect(applied.status).toBe(302);
    expect(applied.headers.get("location")).toBe(`${IMPORT}?import=${id}`);
    const done = await pageText(await clients.hr.get(`${IMPORT}?import=${id}`));
    expect(done).toMatch(/Imported people\.csv on .*: 2 created, 1 updated, 0 unchanged, 1 department created\./);
    expect(done).not.toContain("Confirm and import");

    const boss = userRow("new.boss@example.org")!;
    expect(userRow("new.report@example.org")).toMatchObject({ manager_id: boss.id, password_hash: null, access_level: "learner" });
    expect(userRow("driver@carelearn.test")).toMatchObject({ id: driver.id, name: "Tom Okello-Renamed", password_hash: driver.password_hash });
    expect(counts()).toMatchObject({ users: before.users! + 2, departments: before.departments! + 1, audit_log: before.audit_log! + 1 });
    expect(withDb(server.dbPath, (db) => db.prepare("select action, actor_id from audit_log order by id desc limit 1").get())).toEqual({
      action: "people.import",
      actor_id: userRow("hr@carelearn.test")!.id,
    });

    // The renamed driver can still sign in: his password was kept.
    await new Client(server.url).signIn("driver@carelearn.test");
    // An import is applied once.
    const again = await clients.hr.post(IMPORT, { intent: "apply", importId: String(id) });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already applied");
    expect(counts()).toMatchObject({ users: before.users! + 2, audit_log: before.audit_log! + 1 });
  });
});

describe("files the import refuses", () => {
  const refused = async (content: string | Uint8Array, status: number, message: RegExp, importer: Client = clients.hr, fileName = "people.csv", type = "text/csv") => {
    const before = counts();
    const response = await upload(importer, content, fileName, type);
    const html = await pageText(response);
    expect(response.status, html.slice(0, 300)).toBe(status);
    expect(html).toMatch(message);
    expect(html).not.toContain("Confirm and import");
    expect(counts()).toEqual(before);
    return html;
  };

  it("says a PNG or a JSON file is not CSV", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]);
    await refused(png, 400, /This is not a CSV file: it looks like a PNG image/, clients.hr, "photo.png", "image/png");
    await refused('[{"email":"a@b.co","name":"A"}]', 400, /This is not a CSV file: it looks like JSON/, clients.hr, "people.json", "application/json");
  });

  it("names missing and unknown columns, and an empty file", async () => {
    await refused("email,name,job_role,department\na@example.org,A,nurse,Clinic", 400, /Missing required column &quot;manager_email&quot; in the header \(line 1\)/);
    await refused(`${HEADER},shoe_size\na@example.org,A,nurse,Clinic,,,42`, 400, /Unknown column &quot;shoe_size&quot; in the header \(line 1\)/);
    await refused("", 400, /file: choose a CSV file|The file is empty/);
    await refused("\n\n", 400, /The file is empty/);
  });

  it("shows each row problem with its line and column, and stores nothing", async () => {
    const html = await refused(
      csv(
        "not-an-email,Bad Email,nurse,Clinic,,",
        "twin@example.org,Twin,nurse,Clinic,,",
        "TWIN@example.org,Twin Again,nurse,Clinic,,",
        "orphan@example.org,Orphan,nurse,Clinic,ghost@example.org,",
        "loop.a@example.org,Loop A,team-leader,Clinic,loop.b@example.org,",
        "loop.b@example.org,Loop B,team-leader,Clinic,loop.a@example.org,",
        "promoted@example.org,Promoted,hr-officer,HR,admin@carelearn.test,hr",
      ),
      400,
      /has 6 problems/,
    );
    const text = html;
    expect(text).toMatch(/<td class="num">2<\/td><td>not-an-email<\/td>.*?&quot;not-an-email&quot; is not a valid email address/s);
    expect(text).toMatch(/<td class="num">4<\/td><td>TWIN@example.org<\/td>.*?duplicate of line 3/s);
    expect(text).toMatch(/<td class="num">5<\/td>.*?manager ghost@example.org was not found/s);
    expect(text).toMatch(/<td class="num">6<\/td>.*?management cycle: loop.a@example.org → loop.b@example.org → loop.a@example.org/s);
    expect(text).toMatch(/<td class="num">7<\/td>.*?management cycle: loop.b@example.org → loop.a@example.org → loop.b@example.org/s);
    expect(text).toMatch(/<td class="num">8<\/td>.*?<span class="badge badge-danger">access<\/span> only an administrator can grant hr access/s);
  });

  it("lets an admin grant hr access where HR may not", async () => {
    const file = csv("new.hr.officer@example.org,New HR Officer,hr-officer,HR,admin@carelearn.test,hr");
    await refused(file, 400, /only an administrator can grant hr access/);
    const id = await previewId(clients.admin, file);
    expect((await clients.admin.post(IMPORT, { intent: "apply", importId: String(id) })).status).toBe(302);
    expect(userRow("new.hr.officer@example.org")).toMatchObject({ access_level: "hr" });
  });

  it("refuses a body over 10 MB", async () => {
    const big = [HEADER, ...Array.from({ length: 250_000 }, (_, i) => `big.${i}@example.org,Big ${i},nurse,Clinic,,`)].join("\n");
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    const response = await upload(clients.hr, big);
    expect(response.status).toBe(413);
    expect(await response.text()).toMatch(/the limit is 10 MB/);
  });

  it("answers a form without a file or intent, or with a bad import number, with a 4xx", async () => {
    expect((await clients.hr.post(IMPORT, { intent: "preview" })).status).toBe(400);
    expect((await clients.hr.post(IMPORT, {})).status).toBe(400);
    expect((await clients.hr.post(IMPORT, { intent: "apply", importId: "<script>" })).status).toBe(400);
    expect((await clients.hr.post(IMPORT, { intent: "apply", importId: "99999" })).status).toBe(404);
    expect((await clients.hr.get(`${IMPORT}?import=99999`)).status).toBe(404);
    expect((await clients.hr.get(`${IMPORT}?import=abc`)).status).toBe(404);
  });
});

describe("all or nothing", () => {
  it("applies nothing when the people changed since the preview and the file now has a problem", async () => {
    const id = await previewId(
      clients.hr,
      csv(
        "never.created@example.org,Never Created,nurse,Never Created Department,,",
        "csc.manager@carelearn.test,Ruth Wanjala,department-manager,Customer service centre,doctor@carelearn.test,",
      ),
    );
    // Meanwhile the doctor's manager is moved under the customer service manager: applying now would close a loop.
    withDb(server.dbPath, (db) =>
      db.prepare("update users set manager_id = (select id from users where email = 'csc.manager@carelearn.test') where email = 'clinic.manager@carelearn.test'").run(),
    );
    const before = counts();
    const response = await clients.hr.post(IMPORT, { intent: "apply", importId: String(id) });
    expect(response.status).toBe(409);
    const html = await pageText(response);
    expect(html).toMatch(/Nothing was imported: the file has 1 problem/);
    expect(html).toMatch(/management cycle: csc.manager@carelearn.test → doctor@carelearn.test → clinic.manager@carelearn.test → csc.manager@carelearn.test/);
    expect(counts()).toEqual(before);
    expect(userRow("never.created@example.org")).toBeUndefined();
    expect(count(server.dbPath, "select count(*) n from people_imports where id = ? and applied_at is null", id)).toBe(1);
    // The stored preview now shows the problem and no Confirm button.
    const page = await pageText(await clients.hr.get(`${IMPORT}?import=${id}`));
    expect(page).toContain("the people in CareLearn have changed");
    expect(page).not.toContain("Confirm and import");
  });
});

describe("10,000 people over HTTP", () => {
  it("upload, preview and apply in under 10 seconds", async () => {
    const lines: string[] = [];
    // Reports before their managers: 9,900 staff, then 99 team leaders, then one head.
    for (let i = 0; i < 9_900; i++) lines.push(`staff.${i}@http-bulk.example.org,Staff ${i},delivery-driver,HTTP Bulk ${i % 7},lead.${i % 99}@http-bulk.example.org,`);
    for (let l = 0; l < 99; l++) lines.push(`lead.${l}@http-bulk.example.org,Lead ${l},team-leader,HTTP Bulk ${l % 7},head@http-bulk.example.org,manager`);
    lines.push("head@http-bulk.example.org,Bulk Head,department-manager,HTTP Bulk 0,ops.head@carelearn.test,manager");
    const usersBefore = counts().users!;

    const started = performance.now();
    const id = await previewId(clients.hr, csv(...lines));
    const page = await clients.hr.get(`${IMPORT}?import=${id}`);
    expect(page.status).toBe(200);
    expect(await pageText(page)).toMatch(/10,000<\/div><div class="stat-label">to create/);
    const applied = await clients.hr.post(IMPORT, { intent: "apply", importId: String(id) });
    expect(applied.status).toBe(302);
    const done = await pageText(await clients.hr.get(`${IMPORT}?import=${id}`));
    const seconds = (performance.now() - started) / 1000;
    console.log(`10,000-row import over HTTP: upload, preview page, apply and result page in ${seconds.toFixed(2)} s`);

    expect(done).toContain("10000 created");
    expect(seconds).toBeLessThan(10);
    expect(counts().users).toBe(usersBefore + 10_000);
    expect(
      withDb(server.dbPath, (db) => db.prepare("select m.email manager from users u join users m on m.id = u.manager_id where u.email = 'staff.4242@http-bulk.example.org'").get()),
    ).toEqual({ manager: `lead.${4242 % 99}@http-bulk.example.org` });
  });
});

describe("the directory export", () => {
  it("is a UTF-8 CSV attachment with every person, quoted properly and with formulas made inert", async () => {
    withDb(server.dbPath, (db) => {
      db.prepare("update users set name = ? where email = 'agent@carelearn.test'").run("=HYPERLINK(\"http://evil.example\",\"Click\")");
      db.prepare("update users set name = ? where email = 'doctor@carelearn.test'").run('Osei, Miriam "Dr"');
      db.prepare("update users set name = ? where email = 'hr@carelearn.test'").run("+Helen");
      db.prepare("update users set name = ? where email = 'admin@carelearn.test'").run("@Dana");
      db.prepare("update users set name = ? where email = 'ops.head@carelearn.test'").run("-Daniel");
    });
    const response = await clients.hr.get("/hr/people.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="carelearn-people-\d{4}-\d\d-\d\d\.csv"$/);
    const body = await response.text();
    expect(body.startsWith("email,name,job_role,department,manager_email,access,active,joined_on\r\n")).toBe(true);
    expect(body).toContain('agent@carelearn.test,"\'=HYPERLINK(""http://evil.example"",""Click"")"');
    expect(body).toContain('doctor@carelearn.test,"Osei, Miriam ""Dr"""');
    const rows = Papa.parse<string[]>(body.trimEnd()).data;
    const byEmail = new Map(rows.map((r) => [r[0], r]));
    expect(byEmail.get("hr@carelearn.test")?.[1]).toBe("'+Helen");
    expect(byEmail.get("admin@carelearn.test")?.[1]).toBe("'@Dana");
    expect(byEmail.get("ops.head@carelearn.test")?.[1]).toBe("'-Daniel");
    expect(byEmail.get("driver@carelearn.test")).toEqual(["driver@carelearn.test", "Tom Okello-Renamed", "delivery-driver", "Delivery", "fleet.north@carelearn.test", "learner", "yes", expect.stringMatching(/^\d{4}-\d\d-\d\d$/)]);
    // No cell the spreadsheet would run: every one starts with something other than = + - @.
    for (const row of rows) for (const cell of row) expect(cell, JSON.stringify(row)).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows).toHaveLength(count(server.dbPath, "select count(*) n from users") + 1);
  });
});
