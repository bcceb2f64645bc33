import { eq } from "drizzle-orm";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignmentRules, enrolments, users } from "~db/schema";
import { applyDemoSeed } from "~db/seed/demo";
import { csvCell, csvResponse, toCsv } from "~/models/csv.server";
import {
  applyImport,
  decodeUpload,
  DIRECTORY_CSV_COLUMNS,
  directoryCsvRows,
  findImport,
  type Importer,
  type ImportPreview,
  type ImportProblem,
  ImportRefused,
  previewImport,
  storeImport,
} from "~/models/people-import.server";
import { tempDatabase } from "../support/db";

const TODAY = "2026-11-23";
const HEADER = "email,name,job_role,department,manager_email,access";

const t = tempDatabase("people-import");
const db = t.db;
let hr: Importer;
let admin: Importer;

beforeAll(async () => {
  await applyDemoSeed(db, TODAY);
  const person = (email: string) => db.select().from(users).where(eq(users.email, email)).get()!;
  hr = { id: person("hr@carelearn.test").id, accessLevel: "hr" };
  admin = { id: person("admin@carelearn.test").id, accessLevel: "admin" };
});
afterAll(() => t.close());

const csv = (...lines: string[]) => [HEADER, ...lines].join("\n");
const utf8 = (text: string) => new TextEncoder().encode(text);

function preview(text: string, importer: Importer = hr) {
  const result = previewImport(db, text, importer);
  if (!result.ok) throw new Error(`expected a readable file, got: ${result.errors.join(" ")}`);
  return result;
}

function fileErrors(text: string): string {
  const result = previewImport(db, text, hr);
  if (result.ok) throw new Error("expected a file-level error");
  return result.errors.join(" ");
}

function problemsOf(result: Extract<ImportPreview, { ok: true }>): Array<Pick<ImportProblem, "line" | "column">> {
  return result.problems.map(({ line, column }) => ({ line, column }));
}

/** Every table an import touches, row by row: a refused import must leave them identical. */
function snapshot() {
  const all = (sql: string) => db.$client.prepare(sql).all();
  return {
    users: all("select * from users order by id"),
    departments: all("select * from departments order by id"),
    audit: all("select * from audit_log order by id"),
    enrolments: all("select * from enrolments order by id"),
    imports: all("select id, applied_at, summary from people_imports order by id"),
  };
}

const person = (email: string) => db.select().from(users).where(eq(users.email, email)).get();
/** A person's current directory line, exactly as the export writes it (so importing it changes nothing). */
function currentLine(email: string): string {
  const row = directoryCsvRows(db).find((r) => r.email === email)!;
  return [row.email, row.name, row.job_role, row.department ?? "", row.manager_email ?? "", row.access].join(",");
}

describe("reading the upload", () => {
  it("refuses a PNG, a zip (xlsx) and a PDF with a clear message", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(decodeUpload(png)).toEqual({ ok: false, message: expect.stringMatching(/not a CSV file: it looks like a PNG image/) });
    expect(decodeUpload(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toEqual({ ok: false, message: expect.stringMatching(/Excel workbook/) });
    expect(decodeUpload(utf8("%PDF-1.7\n"))).toEqual({ ok: false, message: expect.stringMatching(/PDF/) });
    expect(decodeUpload(new Uint8Array([0x41, 0x00, 0x42]))).toEqual({ ok: false, message: expect.stringMatching(/binary data/) });
  });

  it("refuses text that is not UTF-8, and reads UTF-8 with a BOM and UTF-16", () => {
    // "Zoë" in Windows-1252.
    expect(decodeUpload(new Uint8Array([0x5a, 0x6f, 0xeb]))).toEqual({ ok: false, message: expect.stringMatching(/not UTF-8/) });
    expect(decodeUpload(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("email,Zoë")]))).toEqual({ ok: true, text: "email,Zoë" });
    const utf16 = new Uint8Array([0xff, 0xfe, ...[..."a,ë"].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeUpload(utf16)).toEqual({ ok: true, text: "a,ë" });
  });

  it("says when a file is JSON, empty, only a header, or not a people CSV at all", () => {
    expect(fileErrors('[{"email": "a@b.co", "name": "A"}]')).toMatch(/not a CSV file: it looks like JSON/);
    expect(fileErrors('{"people": []}')).toMatch(/JSON/);
    expect(fileErrors("")).toMatch(/The file is empty/);
    expect(fileErrors("\n  \n")).toMatch(/The file is empty/);
    expect(fileErrors(HEADER)).toMatch(/header row but no people/);
    expect(fileErrors("Dear HR,\nplease add our new starters.")).toMatch(/does not look like a people CSV.*"Dear HR,"/);
  });

  it("names a missing required column, and several", () => {
    expect(fileErrors("email,name,job_role,department\na@b.co,A,nurse,Clinic")).toMatch(/Missing required column "manager_email" in the header \(line 1\)/);
    expect(fileErrors("email,name\na@b.co,A")).toMatch(/Missing required columns "job_role", "department" and "manager_email"/);
  });

  it("names an unknown column, a repeated one, and the export-only ones", () => {
    expect(fileErrors(`${HEADER},favourite_colour\na@b.co,A,nurse,Clinic,,,blue`)).toMatch(/Unknown column "favourite_colour" in the header \(line 1\)/);
    expect(fileErrors(`${HEADER},email\na@b.co,A,nurse,Clinic,,,a@b.co`)).toMatch(/"email" appears twice/);
    // The directory export's own extra columns are left alone, and the preview says so.
    const withExportColumns = preview(`${HEADER},active,joined_on\nnew.one@example.org,New One,nurse,Clinic,,,no,2020-01-01`);
    expect(withExportColumns.problems).toEqual([]);
    expect(withExportColumns.summary.ignoredColumns).toEqual([expect.stringMatching(/^active \(ignored: deactivate/), expect.stringMatching(/^joined_on \(ignored/)]);
  });

  it("accepts friendly header spellings, semicolons, and an empty trailing column", () => {
    const result = preview("Email;Name;Job role;Department;Manager email;\nnew.one@example.org;New One;Nurse;Clinic;clinic.manager@carelearn.test;\n");
    expect(result.problems).toEqual([]);
    expect(result.rows[0]).toMatchObject({ line: 2, jobRole: "nurse", department: "Clinic", action: "create", access: null });
  });
});

describe("preview", () => {
  it("plans creates, updates and unchanged rows; managers may come later; departments are created on demand", () => {
    const result = preview(
      csv(
        "Ana.Report@Example.org,Ana Report,call-centre-agent,Research,boss@example.org,",
        "boss@example.org,Bo Boss,department-manager,operations,ops.head@carelearn.test,manager",
        "driver@carelearn.test,Tom Okello-Smith,delivery-driver,Delivery,fleet.north@carelearn.test,",
        currentLine("doctor@carelearn.test"),
      ),
    );
    expect(result.problems).toEqual([]);
    expect(result.summary).toEqual({ rows: 4, ignoredColumns: [], create: 2, update: 1, unchanged: 1, departmentsToCreate: ["Research"], problems: 0 });
    expect(result.rows.map((r) => [r.line, r.action])).toEqual([
      [2, "create"],
      [3, "create"],
      [4, "update"],
      [5, "unchanged"],
    ]);
    expect(result.rows[0]).toMatchObject({ department: "Research", newDepartment: true, managerEmail: "boss@example.org" });
    // An existing department is matched ignoring case and shown with its own spelling.
    expect(result.rows[1]).toMatchObject({ department: "Operations", newDepartment: false, access: "manager" });
    expect(result.rows[2]!.changes).toEqual(["name"]);
  });

  it("counts lines as in the file: blank lines skipped, a quoted value spanning lines", () => {
    const result = preview(
      [HEADER, "", 'multi.line@example.org,"Ann\nMarie Line",nurse,Clinic,clinic.manager@carelearn.test,', "", "not-an-email,Bad Email,nurse,Clinic,,"].join("\r\n"),
    );
    expect(result.rows.map((r) => r.line)).toEqual([3, 6]);
    expect(result.problems).toEqual([{ line: 6, column: "email", reason: '"not-an-email" is not a valid email address' }]);
  });

  it("reports each kind of row problem with its line, column and reason", () => {
    const result = preview(
      csv(
        "bad@email@example.org,Bad Email,nurse,Clinic,,",
        "no.name@example.org,,nurse,Clinic,,",
        "chef@example.org,A Chef,chef,Kitchen,,",
        "orphan@example.org,An Orphan,nurse,Clinic,nobody@example.org,",
        "boss.level@example.org,Boss Level,nurse,Clinic,,boss",
        "extra@example.org,Extra,nurse,Clinic,,,surprise",
        "short@example.org,Short,nurse",
        '"unclosed@example.org,Unclosed,nurse,Clinic,,',
      ),
    );
    const byLine = new Map(result.rows.map((r) => [r.line, r.problems]));
    expect(byLine.get(2)).toEqual([{ line: 2, column: "email", reason: '"bad@email@example.org" is not a valid email address' }]);
    expect(byLine.get(3)).toEqual([{ line: 3, column: "name", reason: "name is empty" }]);
    expect(byLine.get(4)).toEqual([{ line: 4, column: "job_role", reason: expect.stringMatching(/^"chef" is not a job role; use one of managing-director, /) }]);
    expect(byLine.get(5)).toEqual([{ line: 5, column: "manager_email", reason: expect.stringMatching(/manager nobody@example.org was not found/) }]);
    expect(byLine.get(6)).toEqual([{ line: 6, column: "access", reason: '"boss" is not an access level; use learner, manager, hr or admin' }]);
    expect(byLine.get(7)).toEqual([{ line: 7, column: null, reason: expect.stringMatching(/has 7 values but the header has 6 columns/) }]);
    expect(byLine.get(8)).toEqual([{ line: 8, column: null, reason: expect.stringMatching(/has 3 values but the header has 6 columns/) }]);
    expect(byLine.get(9)?.[0]).toEqual({ line: 9, column: null, reason: expect.stringMatching(/Quoted field unterminated/) });
    expect(result.summary.problems).toBe(result.problems.length);
  });

  it("reports a duplicate email (ignoring case) on the later line, naming the first", () => {
    const result = preview(csv("twin@example.org,Twin One,nurse,Clinic,,", "other@example.org,Other,nurse,Clinic,,", "TWIN@Example.org,Twin Two,nurse,Clinic,,"));
    expect(result.problems).toEqual([{ line: 4, column: "email", reason: expect.stringMatching(/^duplicate of line 2: TWIN@Example.org appears more than once/) }]);
  });

  it("reports every row of a management cycle within the file", () => {
    const result = preview(
      csv(
        "loop.a@example.org,Loop A,team-leader,Clinic,loop.b@example.org,",
        "loop.b@example.org,Loop B,team-leader,Clinic,loop.c@example.org,",
        "loop.c@example.org,Loop C,team-leader,Clinic,loop.a@example.org,",
        "below@example.org,Below The Loop,nurse,Clinic,loop.a@example.org,",
        "self@example.org,Self Managed,nurse,Clinic,SELF@example.org,",
      ),
    );
    expect(problemsOf(result)).toEqual([
      { line: 2, column: "manager_email" },
      { line: 3, column: "manager_email" },
      { line: 4, column: "manager_email" },
      { line: 6, column: "manager_email" },
    ]);
    expect(result.rows[0]!.problems[0]!.reason).toBe(
      "management cycle: loop.a@example.org → loop.b@example.org → loop.c@example.org → loop.a@example.org (someone must be at the top with no manager above)",
    );
    expect(result.rows[1]!.problems[0]!.reason).toMatch(/^management cycle: loop.b@example.org → loop.c@example.org → loop.a@example.org → loop.b/);
    expect(result.rows[4]!.problems[0]!.reason).toBe("self@example.org is their own manager");
  });

  it("finds a cycle through people already in CareLearn who are not in the file", () => {
    // The driver reports (through fleet managers) up to the head of operations.
    const result = preview(csv("ops.head@carelearn.test,Daniel Mwangi,head-of-operations,Operations,driver@carelearn.test,"));
    expect(problemsOf(result)).toEqual([{ line: 2, column: "manager_email" }]);
    expect(result.problems[0]!.reason).toMatch(/^management cycle: ops.head@carelearn.test → driver@carelearn.test → fleet.north@carelearn.test → /);
  });

  it("lets only an administrator grant hr or admin, or change an hr or admin person's access", () => {
    const text = csv("new.hr@example.org,New HR,hr-officer,HR,admin@carelearn.test,hr", "hr@carelearn.test,Helen Achieng,hr-officer,HR,admin@carelearn.test,learner");
    const byHr = preview(text, hr);
    expect(byHr.problems).toEqual([
      { line: 2, column: "access", reason: "only an administrator can grant hr access" },
      { line: 3, column: "access", reason: "only an administrator can change the access of someone with hr access" },
    ]);
    expect(preview(text, admin).problems).toEqual([]);
    // Someone already hr stays hr without a grant.
    expect(preview(csv("hr@carelearn.test,Helen Achieng,hr-officer,HR,admin@carelearn.test,hr"), hr).problems).toEqual([]);
  });

  it("refuses to leave CareLearn without an administrator", () => {
    const result = preview(csv("admin@carelearn.test,Dana Whitfield,department-manager,HR,joseph.kariuki@carelearn.test,learner"), admin);
    expect(result.problems).toEqual([{ line: 2, column: "access", reason: "this would leave CareLearn without an active administrator" }]);
  });
});

describe("apply", () => {
  it("creates, updates and links people in one go, keeping existing people's id and password", () => {
    const driverBefore = person("driver@carelearn.test")!;
    const departmentsBefore = db.$client.prepare("select count(*) n from departments").get() as { n: number };
    const text = csv(
      "Ana.Report@Example.org,Ana Report,call-centre-agent,Research,boss@example.org,",
      "boss@example.org,Bo Boss,department-manager,operations,ops.head@carelearn.test,manager",
      "driver@carelearn.test,Tom Okello-Smith,delivery-driver,Delivery,fleet.north@carelearn.test,",
      currentLine("doctor@carelearn.test"),
    );
    expect(preview(text).problems).toEqual([]);
    const id = storeImport(db, hr.id, "people.csv", text);
    const summary = applyImport(db, id, hr, TODAY);
    expect(summary).toMatchObject({ rows: 4, created: 2, updated: 1, unchanged: 1, departmentsCreated: 1 });

    const ana = person("ana.report@example.org")!;
    const boss = person("boss@example.org")!;
    expect(ana).toMatchObject({ name: "Ana Report", jobRole: "call-centre-agent", managerId: boss.id, accessLevel: "learner", joinedOn: TODAY, passwordHash: null, active: true });
    expect(boss).toMatchObject({ managerId: person("ops.head@carelearn.test")!.id, accessLevel: "manager" });
    const research = db.$client.prepare("select id from departments where name = 'Research'").get() as { id: number };
    expect(ana.departmentId).toBe(research.id);
    expect((db.$client.prepare("select count(*) n from departments").get() as { n: number }).n).toBe(departmentsBefore.n + 1);

    const driverAfter = person("driver@carelearn.test")!;
    expect(driverAfter).toMatchObject({ id: driverBefore.id, name: "Tom Okello-Smith", passwordHash: driverBefore.passwordHash, joinedOn: driverBefore.joinedOn, managerId: driverBefore.managerId });
    expect(driverAfter.updatedAt).not.toBeNull();

    const audit = db.$client.prepare("select * from audit_log where action = 'people.import'").all() as Array<{ actor_id: number; entity_id: string; after: string }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: hr.id, entity_id: String(id) });
    expect(JSON.parse(audit[0]!.after)).toMatchObject({ created: 2, updated: 1, unchanged: 1, departmentsCreated: 1 });
    expect(findImport(db, id)).toMatchObject({ appliedAt: expect.any(Date), summary: expect.objectContaining({ created: 2 }) });

    // Applied once only; importing the same file again changes nothing.
    expect(() => applyImport(db, id, hr, TODAY)).toThrow(/already applied/);
    const again = preview(text);
    expect(again.summary).toMatchObject({ create: 0, update: 0, unchanged: 4 });
  });

  it("refuses an unknown import and a learner", () => {
    expect(() => applyImport(db, 999_999, hr)).toThrow(expect.objectContaining({ status: 404 }));
    const id = storeImport(db, hr.id, "people.csv", csv("x.person@example.org,X Person,nurse,Clinic,,"));
    expect(() => applyImport(db, id, { id: hr.id, accessLevel: "learner" })).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => applyImport(db, id, { id: hr.id, accessLevel: "manager" })).toThrow(ImportRefused);
  });

  it("applies assignment rules to new people and to people who move", () => {
    db.insert(assignmentRules).values({ targetKind: "job_role", targetJobRole: "receptionist", courseSlug: "welcome-to-carelearn", dueDays: 30, startsOn: "2026-01-01" }).run();
    const text = csv("new.reception@example.org,New Receptionist,receptionist,Clinic,clinic.manager@carelearn.test,", "agent@carelearn.test,Sara Lindqvist,receptionist,Clinic,clinic.manager@carelearn.test,");
    const summary = applyImport(db, storeImport(db, hr.id, "moves.csv", text), hr, TODAY);
    expect(summary.enrolmentsCreated).toBeGreaterThanOrEqual(2);
    for (const email of ["new.reception@example.org", "agent@carelearn.test"]) {
      const enrolment = db.select().from(enrolments).where(eq(enrolments.userId, person(email)!.id)).get();
      expect(enrolment, email).toMatchObject({ courseSlug: "welcome-to-carelearn", endedAt: null });
    }
  });

  it("changes nothing when the people changed since the preview and the file now has a problem", () => {
    // Clean when previewed: the customer service manager moves under the driver.
    const text = csv("half.new@example.org,Half New,nurse,Never Created,,", "csc.manager@carelearn.test,Ruth Wanjala,department-manager,Customer service centre,driver@carelearn.test,");
    expect(preview(text).problems).toEqual([]);
    const id = storeImport(db, hr.id, "people.csv", text);
    // Meanwhile the driver's team leader is moved under the customer service manager: a loop.
    db.update(users).set({ managerId: person("csc.manager@carelearn.test")!.id }).where(eq(users.email, "fleet.north@carelearn.test")).run();
    const before = snapshot();
    let refused: unknown;
    try {
      applyImport(db, id, hr, TODAY);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ImportRefused);
    expect((refused as ImportRefused).status).toBe(409);
    expect((refused as ImportRefused).problems).toEqual([{ line: 3, column: "manager_email", reason: expect.stringMatching(/management cycle/) }]);
    expect(snapshot()).toEqual(before);
    expect(person("half.new@example.org")).toBeUndefined();
  });

  it("rolls everything back when a write fails half way", () => {
    const text = csv(
      "first.half@example.org,First Half,nurse,Half Way Department,,",
      "driver@carelearn.test,Tom Renamed,delivery-driver,Delivery,fleet.north@carelearn.test,",
      "fails@example.org,Fails,nurse,Clinic,first.half@example.org,",
    );
    const id = storeImport(db, hr.id, "people.csv", text);
    db.$client.exec("create trigger fail_import before insert on users when new.email = 'fails@example.org' begin select raise(abort, 'disk on fire'); end");
    const before = snapshot();
    try {
      expect(() => applyImport(db, id, hr, TODAY)).toThrow(/disk on fire/);
    } finally {
      db.$client.exec("drop trigger fail_import");
    }
    expect(snapshot()).toEqual(before);
    expect(person("first.half@example.org")).toBeUndefined();
    expect(person("driver@carelearn.test")!.name).not.toBe("Tom Renamed");
    // The import can still be applied once the fault is gone.
    expect(applyImport(db, id, hr, TODAY)).toMatchObject({ created: 2, updated: 1 });
  });
});

describe("10,000 people", () => {
  it("preview and apply in under 10 seconds, managers after their reports", () => {
    const lines: string[] = [];
    // Ten departments of 1,000: a head, ten team leaders, and 989 staff; reports come first.
    for (let d = 0; d < 10; d++) {
      const head = `head.${d}@bulk.example.org`;
      for (let i = 0; i < 989; i++) lines.push(`staff.${d}.${i}@bulk.example.org,Staff ${d} ${i},call-centre-agent,Bulk ${d},lead.${d}.${i % 10}@bulk.example.org,`);
      for (let l = 0; l < 10; l++) lines.push(`lead.${d}.${l}@bulk.example.org,Lead ${d} ${l},team-leader,Bulk ${d},${head},manager`);
      lines.push(`${head},Head ${d},department-manager,Bulk ${d},ops.head@carelearn.test,manager`);
    }
    expect(lines).toHaveLength(10_000);
    const text = csv(...lines);
    const usersBefore = (db.$client.prepare("select count(*) n from users").get() as { n: number }).n;
    // The worst case for the assignment-rule sync: a rule that enrols everyone.
    db.insert(assignmentRules).values({ targetKind: "everyone", courseSlug: "everyone-is-a-customer-care-agent", dueDays: 30, startsOn: "2026-01-01" }).run();

    const started = performance.now();
    const result = preview(text);
    const id = storeImport(db, hr.id, "bulk.csv", text);
    const summary = applyImport(db, id, hr, TODAY);
    const seconds = (performance.now() - started) / 1000;
    console.log(`10,000-row import (model): preview + store + apply in ${seconds.toFixed(2)} s`);

    expect(result.summary).toMatchObject({ rows: 10_000, create: 10_000, problems: 0 });
    expect(summary.created).toBe(10_000);
    expect(summary.enrolmentsCreated).toBeGreaterThanOrEqual(10_000);
    expect(seconds).toBeLessThan(10);
    expect((db.$client.prepare("select count(*) n from users").get() as { n: number }).n).toBe(usersBefore + 10_000);
    const staff = db.$client
      .prepare("select m.email manager, d.name department from users u join users m on m.id = u.manager_id join departments d on d.id = u.department_id where u.email = 'staff.3.27@bulk.example.org'")
      .get();
    expect(staff).toEqual({ manager: "lead.3.7@bulk.example.org", department: "Bulk 3" });
  });
});

describe("CSV export", () => {
  it("neutralises formulas: values starting with = + - @ tab or CR become text", () => {
    for (const value of ["=1+1", "+44 20 7946 0000", "-2", "@SUM(A1)", "\tx", "\rx"]) expect(csvCell(value)).toBe(`'${value}`);
    for (const value of ["plain", "a=b", "O'Neil", ""]) expect(csvCell(value)).toBe(value);
    expect(csvCell(null)).toBe("");
    expect(csvCell(true)).toBe("true");
  });

  it("quotes commas, quotes and newlines, and parses back to the same values", () => {
    const rows = [
      { a: 'Smith, "Jo"', b: "line one\nline two" },
      { a: "=HYPERLINK(\"http://evil.example\",\"click\")", b: null },
    ];
    const text = toCsv(
      [
        { key: "a", header: "A" },
        { key: "b", header: "B" },
      ],
      rows,
    );
    expect(text).toBe('A,B\r\n"Smith, ""Jo""","line one\nline two"\r\n"\'=HYPERLINK(""http://evil.example"",""click"")",\r\n');
    expect(Papa.parse<string[]>(text.trimEnd()).data).toEqual([
      ["A", "B"],
      ['Smith, "Jo"', "line one\nline two"],
      ['\'=HYPERLINK("http://evil.example","click")', ""],
    ]);
  });

  it("answers a UTF-8 attachment", async () => {
    const response = csvResponse("people 2026.csv", "a\r\n");
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="people-2026.csv"');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a]));
  });

  it("exports the directory in the import's columns, everyone's formulas made inert", () => {
    db.update(users).set({ name: "=cmd|' /C calc'!A0" }).where(eq(users.email, "agent@carelearn.test")).run();
    const text = toCsv(DIRECTORY_CSV_COLUMNS, directoryCsvRows(db));
    const [header, ...rows] = Papa.parse<string[]>(text.trimEnd()).data;
    expect(header).toEqual(["email", "name", "job_role", "department", "manager_email", "access", "active", "joined_on"]);
    expect(rows).toContainEqual(["agent@carelearn.test", "'=cmd|' /C calc'!A0", "receptionist", "Clinic", "clinic.manager@carelearn.test", "learner", "yes", expect.stringMatching(/^\d{4}-\d\d-\d\d$/)]);
    expect(rows.find((r) => r[0] === "joseph.kariuki@carelearn.test")?.[4]).toBe("");
    expect(rows).toHaveLength((db.$client.prepare("select count(*) n from users").get() as { n: number }).n);
  });

  it("imports its own export back with nothing to change", () => {
    db.update(users).set({ name: "Sara Lindqvist" }).where(eq(users.email, "agent@carelearn.test")).run();
    const result = preview(toCsv(DIRECTORY_CSV_COLUMNS, directoryCsvRows(db)).replace(/^\uFEFF/, ""));
    expect(result.problems).toEqual([]);
    expect(result.summary.ignoredColumns).toHaveLength(2);
    expect({ create: result.summary.create, update: result.summary.update }).toEqual({ create: 0, update: 0 });
  });
});
