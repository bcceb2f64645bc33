import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import Papa from "papaparse";
import { z } from "zod";
import { ACCESS_LEVELS, type AccessLevel, departments, peopleImports, users } from "~db/schema";
import { todayIso } from "~/utils/dates";
import type { Db, DbHandle } from "~/utils/db.server";
import { JOB_ROLES, type JobRole, isJobRole } from "~/utils/job-roles";
import { recordAudit } from "./audit.server";
import type { CsvColumn } from "./csv.server";
import { syncEnrolments } from "./enrolments.server";

/*
 * HR's people import: a CSV of the organisation is checked row by row into a preview (what
 * each line would do, and every problem with its line and column), stored, and applied on
 * confirmation in one transaction, all or nothing. People are matched by lower-cased email.
 */

export const IMPORT_COLUMNS = ["email", "name", "job_role", "department", "manager_email", "access"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_IMPORT_COLUMNS: readonly ImportColumn[] = ["email", "name", "job_role", "department", "manager_email"];
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** Columns of the directory export that are not importable, with why. */
// In the directory export (so an export can be edited and imported again) but not imported:
// deactivating people and start dates are changed on each person's page, where it is deliberate.
const EXPORT_ONLY_COLUMNS: Record<string, string> = {
  active: "ignored: deactivate or reactivate people on their pages",
  joined_on: "ignored: change start dates on each person's page",
};

export type ImportProblem = { line: number; column: ImportColumn | null; reason: string };
export type RowAction = "create" | "update" | "unchanged";

export type PreviewRow = {
  /** The row's first line in the file; the header is line 1. */
  line: number;
  email: string;
  name: string;
  jobRole: string;
  department: string | null;
  newDepartment: boolean;
  managerEmail: string | null;
  /** The access level the file asks for; null when the column is absent or the cell empty. */
  access: AccessLevel | null;
  action: RowAction;
  /** For an update: the fields that change. */
  changes: string[];
  problems: ImportProblem[];
};

export type ImportSummary = {
  rows: number;
  /** Columns of the directory export that an import leaves alone, with why. */
  ignoredColumns: string[];
  create: number;
  update: number;
  unchanged: number;
  departmentsToCreate: string[];
  problems: number;
};

export type ImportPreview =
  | { ok: false; errors: string[] }
  | { ok: true; rows: PreviewRow[]; problems: ImportProblem[]; summary: ImportSummary };

export type Importer = { id: number; accessLevel: AccessLevel };

export type AppliedSummary = {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  departmentsCreated: number;
  enrolmentsCreated: number;
  enrolmentsUpdated: number;
  enrolmentsEnded: number;
};

/** Why an apply did not happen; nothing was written. */
export class ImportRefused extends Error {
  constructor(
    message: string,
    readonly status: 403 | 404 | 409,
    readonly problems: ImportProblem[] = [],
  ) {
    super(message);
    this.name = "ImportRefused";
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the upload

const SIGNATURES: Array<{ bytes: number[]; kind: string }> = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: "a PNG image" },
  { bytes: [0xff, 0xd8, 0xff], kind: "a JPEG image" },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: "a GIF image" },
  { bytes: [0x25, 0x50, 0x44, 0x46], kind: "a PDF document" },
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: "an Excel workbook or another zip file" },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], kind: "an old Excel (.xls) or Word file" },
];

const SAVE_AS_CSV = 'In Excel choose File › Save As › "CSV UTF-8 (Comma delimited)", then upload that file.';

/** The upload's text, or a message saying why it is not a CSV file we can read. */
export function decodeUpload(bytes: Uint8Array): { ok: true; text: string } | { ok: false; message: string } {
  const signature = SIGNATURES.find((s) => s.bytes.every((b, i) => bytes[i] === b));
  if (signature) return { ok: false, message: `This is not a CSV file: it looks like ${signature.kind}. ${SAVE_AS_CSV}` };
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder("utf-16le", { fatal: true }).decode(bytes.subarray(2));
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder("utf-16be", { fatal: true }).decode(bytes.subarray(2));
    else if (bytes.subarray(0, 8192).includes(0)) return { ok: false, message: `This is not a CSV file: it contains binary data. ${SAVE_AS_CSV}` };
    else text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: `This file is not UTF-8 text, so names with accents would be garbled. ${SAVE_AS_CSV}` };
  }
  return { ok: true, text: text.replace(/^\uFEFF/, "") };
}

type RawRow = { line: number; values: string[]; parseError: string | null };

function normaliseHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

/** Comma, unless the header line is clearly separated by semicolons (European Excel) or tabs. */
function guessDelimiter(text: string): string {
  const firstLine = /^[^\r\n]*/.exec(text.replace(/^\s+/, ""))?.[0] ?? "";
  const count = (c: string) => firstLine.split(c).length - 1;
  const best = [",", ";", "\t"].map((d) => ({ d, n: count(d) })).sort((a, b) => b.n - a.n)[0];
  return best && best.n > 0 ? best.d : ",";
}

/** Every non-blank row with the line it starts on (quoted values may span lines). */
function readRows(text: string): RawRow[] {
  const rows: RawRow[] = [];
  let position = 0;
  let line = 1;
  let rowStart = 0;
  Papa.parse<string[]>(text, {
    delimiter: guessDelimiter(text),
    skipEmptyLines: false,
    step: (result) => {
      for (; position < rowStart; position++) {
        const c = text.charCodeAt(position);
        if (c === 10 || (c === 13 && text.charCodeAt(position + 1) !== 10)) line++;
      }
      rowStart = result.meta.cursor;
      const values = result.data;
      if (values.every((v) => v.trim() === "")) return;
      const error = result.errors[0];
      rows.push({ line, values, parseError: error ? `${error.message.replace(/\.$/, "")}: check the quotes on this line` : null });
    },
  });
  return rows;
}

function looksLikeSomethingElse(text: string): string | null {
  const start = text.trimStart();
  if (start.startsWith("{") || start.startsWith("[")) return "This is not a CSV file: it looks like JSON. Upload a CSV file with a header row.";
  if (/^<(\?xml|!doctype|html)/i.test(start)) return "This is not a CSV file: it looks like a web page or XML. Upload a CSV file with a header row.";
  if (text.includes("\u0000")) return `This is not a CSV file: it contains binary data. ${SAVE_AS_CSV}`;
  return null;
}

function listWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

type Table = { headerLine: number; columns: Array<ImportColumn | null>; rows: RawRow[]; ignored: string[] };

/** The header checked (missing, unknown and repeated columns) and the data rows. */
function readTable(text: string): { ok: false; errors: string[] } | ({ ok: true } & Table) {
  const other = looksLikeSomethingElse(text);
  if (other) return { ok: false, errors: [other] };
  if (text.trim() === "") return { ok: false, errors: ["The file is empty. Upload a CSV file with a header row and one row per person."] };
  const [header, ...rows] = readRows(text);
  if (!header) return { ok: false, errors: ["The file is empty. Upload a CSV file with a header row and one row per person."] };
  const where = `the header (line ${header.line})`;
  const names = header.values.map(normaliseHeader);
  const known = new Set<string>(IMPORT_COLUMNS);
  if (!names.some((n) => known.has(n))) {
    const shown = header.values.join(",").slice(0, 80);
    return {
      ok: false,
      errors: [`This does not look like a people CSV: its first line must be a header naming the columns ${listWords([...REQUIRED_IMPORT_COLUMNS])} (and optionally access), but it is "${shown}".`],
    };
  }
  const errors: string[] = [];
  const seen = new Set<string>();
  const ignored: string[] = [];
  const columns: Array<ImportColumn | null> = [];
  names.forEach((name, index) => {
    if (name === "") {
      // Spreadsheets often add an empty column at the end; harmless when it has no values.
      if (rows.some((r) => (r.values[index] ?? "").trim() !== "")) errors.push(`Column ${index + 1} has values but no name in ${where}.`);
      columns.push(null);
      return;
    }
    if (name in EXPORT_ONLY_COLUMNS) {
      ignored.push(`${name} (${EXPORT_ONLY_COLUMNS[name]})`);
      columns.push(null);
      return;
    }
    if (!known.has(name)) {
      errors.push(`Unknown column "${header.values[index]?.trim()}" in ${where}: the columns are ${listWords([...IMPORT_COLUMNS])}.`);
      columns.push(null);
      return;
    }
    if (seen.has(name)) errors.push(`The column "${name}" appears twice in ${where}.`);
    seen.add(name);
    columns.push(name as ImportColumn);
  });
  const missing = REQUIRED_IMPORT_COLUMNS.filter((c) => !seen.has(c));
  if (missing.length === 1) errors.push(`Missing required column "${missing[0]}" in ${where}.`);
  else if (missing.length > 1) errors.push(`Missing required columns ${listWords(missing.map((m) => `"${m}"`))} in ${where}.`);
  if (errors.length) return { ok: false, errors };
  if (rows.length === 0) return { ok: false, errors: ["The file has a header row but no people in it."] };
  return { ok: true, headerLine: header.line, columns, rows, ignored };
}

// ---------------------------------------------------------------------------------------------
// Checking the rows against the file and the database

const emailSchema = z.email();
function isEmail(value: string): boolean {
  return value.length <= 320 && emailSchema.safeParse(value).success;
}

function normaliseJobRole(value: string): string {
  return value.trim().toLowerCase().replace(/[\s_]+/g, "-");
}

const ELEVATED: ReadonlySet<AccessLevel> = new Set(["hr", "admin"]);

type Existing = {
  id: number;
  email: string;
  name: string;
  jobRole: string;
  departmentId: number | null;
  managerId: number | null;
  accessLevel: AccessLevel;
  active: boolean;
};

/** A checked row with what applying it needs. */
type Planned = PreviewRow & {
  key: string;
  first: boolean;
  existing: Existing | undefined;
  jobRoleValue: JobRole | null;
  departmentKey: string | null;
  managerKey: string | null;
};

type Plan = {
  preview: ImportPreview;
  planned: Planned[];
  existingByKey: Map<string, Existing>;
  departmentIds: Map<string, number>;
  newDepartments: Map<string, string>;
};

function describeCycle(cycle: string[], from: number): string {
  const shown = Math.min(cycle.length, 5);
  const names: string[] = [];
  for (let j = 0; j < shown; j++) names.push(cycle[(from + j) % cycle.length] as string);
  const more = cycle.length > shown ? ` → … (${cycle.length} people in all)` : "";
  return `${names.join(" → ")}${more} → ${cycle[from]}`;
}

function planImport(db: Db, text: string, importer: Importer): Plan {
  const empty = { planned: [], existingByKey: new Map(), departmentIds: new Map(), newDepartments: new Map() };
  const table = readTable(text);
  if (!table.ok) return { preview: { ok: false, errors: table.errors }, ...empty };

  const people: Existing[] = db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      jobRole: users.jobRole,
      departmentId: users.departmentId,
      managerId: users.managerId,
      accessLevel: users.accessLevel,
      active: users.active,
    })
    .from(users)
    .all();
  const existingByKey = new Map(people.map((p) => [p.email.toLowerCase(), p]));
  const keyById = new Map(people.map((p) => [p.id, p.email.toLowerCase()]));
  const departmentRows = db.select({ id: departments.id, name: departments.name }).from(departments).all();
  const departmentIds = new Map(departmentRows.map((d) => [d.name.toLowerCase(), d.id]));
  const departmentNames = new Map(departmentRows.map((d) => [d.name.toLowerCase(), d.name]));
  const newDepartments = new Map<string, string>();

  const index = new Map<ImportColumn, number>();
  table.columns.forEach((c, i) => c && index.set(c, i));
  const width = table.columns.length;
  const lastRequired = Math.max(...REQUIRED_IMPORT_COLUMNS.map((c) => index.get(c) as number));

  // First pass: each row on its own, and duplicates.
  const planned: Planned[] = [];
  const firstByKey = new Map<string, Planned>();
  for (const raw of table.rows) {
    const cell = (c: ImportColumn) => {
      const i = index.get(c);
      return i === undefined ? "" : (raw.values[i] ?? "").trim();
    };
    const problems: ImportProblem[] = [];
    const problem = (column: ImportColumn | null, reason: string) => problems.push({ line: raw.line, column, reason });
    if (raw.parseError) problem(null, raw.parseError);
    const extra = raw.values.slice(width).some((v) => v.trim() !== "");
    if (extra || raw.values.length <= lastRequired) {
      problem(null, `has ${raw.values.length} values but the header has ${width} columns: is a comma missing, or a value containing a comma not in quotes?`);
    }

    const email = cell("email");
    const key = email.toLowerCase();
    if (email === "") problem("email", "email is empty");
    else if (!isEmail(email)) problem("email", `"${email}" is not a valid email address`);

    const name = cell("name");
    if (name === "") problem("name", "name is empty");
    else if (name.length > 200) problem("name", "name is longer than 200 characters");

    const jobRoleText = cell("job_role");
    const jobRole = normaliseJobRole(jobRoleText);
    const jobRoleValue = isJobRole(jobRole) ? jobRole : null;
    if (jobRoleText === "") problem("job_role", "job_role is empty");
    else if (!jobRoleValue) problem("job_role", `"${jobRoleText}" is not a job role; use one of ${JOB_ROLES.join(", ")}`);

    const departmentText = cell("department");
    let departmentKey: string | null = null;
    let department: string | null = null;
    let newDepartment = false;
    if (departmentText.length > 100) problem("department", "department is longer than 100 characters");
    else if (departmentText !== "") {
      departmentKey = departmentText.toLowerCase();
      department = departmentNames.get(departmentKey) ?? newDepartments.get(departmentKey) ?? departmentText;
      if (!departmentIds.has(departmentKey)) {
        newDepartment = true;
        if (!newDepartments.has(departmentKey)) newDepartments.set(departmentKey, departmentText);
      }
    }

    const managerText = cell("manager_email");
    const managerKey = managerText === "" ? null : managerText.toLowerCase();
    if (managerText !== "" && !isEmail(managerText)) problem("manager_email", `"${managerText}" is not a valid email address`);

    const accessText = cell("access").toLowerCase();
    const access = (ACCESS_LEVELS as readonly string[]).includes(accessText) ? (accessText as AccessLevel) : null;
    if (accessText !== "" && !access) problem("access", `"${cell("access")}" is not an access level; use learner, manager, hr or admin`);

    const first = firstByKey.get(key);
    if (first && email !== "") problem("email", `duplicate of line ${first.line}: ${email} appears more than once (emails are compared ignoring case)`);
    const row: Planned = {
      line: raw.line,
      email,
      name,
      jobRole: jobRoleValue ?? jobRoleText,
      department,
      newDepartment,
      managerEmail: managerText === "" ? null : managerText,
      access,
      action: "create",
      changes: [],
      problems,
      key,
      first: !first && isEmail(email),
      existing: existingByKey.get(key),
      jobRoleValue,
      departmentKey,
      managerKey,
    };
    if (row.first) firstByKey.set(key, row);
    planned.push(row);
  }

  // Second pass: managers, access, and what each row would change.
  const isAdmin = importer.accessLevel === "admin";
  const finalManager = new Map<string, string | null>();
  for (const p of people) finalManager.set(p.email.toLowerCase(), p.managerId === null ? null : (keyById.get(p.managerId) ?? null));
  let admins = people.filter((p) => p.active && p.accessLevel === "admin").length;
  const demotions: Planned[] = [];
  for (const row of planned) {
    const { existing } = row;
    const add = (column: ImportColumn | null, reason: string) => row.problems.push({ line: row.line, column, reason });
    const managerKnown = row.managerKey !== null && (firstByKey.has(row.managerKey) || existingByKey.has(row.managerKey));
    if (row.managerKey !== null && isEmail(row.managerEmail ?? "") && !managerKnown) {
      add("manager_email", `manager ${row.managerEmail} was not found: they are neither in this file nor an existing person`);
    }
    if (row.access && !isAdmin) {
      if (ELEVATED.has(row.access) && existing?.accessLevel !== row.access) add("access", `only an administrator can grant ${row.access} access`);
      else if (existing && ELEVATED.has(existing.accessLevel) && existing.accessLevel !== row.access) {
        add("access", `only an administrator can change the access of someone with ${existing.accessLevel} access`);
      }
    }
    if (!row.first) continue;
    finalManager.set(row.key, managerKnown ? row.managerKey : null);
    if (row.access) {
      const wasAdmin = existing?.active && existing.accessLevel === "admin";
      const isNowAdmin = row.access === "admin" && (existing?.active ?? true);
      if (wasAdmin && !isNowAdmin) {
        admins--;
        demotions.push(row);
      } else if (!wasAdmin && isNowAdmin) admins++;
    }
    if (!existing) continue;
    const changes: string[] = [];
    if (existing.name !== row.name) changes.push("name");
    if (existing.jobRole !== row.jobRole) changes.push("job role");
    if ((row.departmentKey === null ? null : (departmentIds.get(row.departmentKey) ?? -1)) !== existing.departmentId) changes.push("department");
    if ((existing.managerId === null ? null : keyById.get(existing.managerId)) !== row.managerKey) changes.push("manager");
    if (row.access && row.access !== existing.accessLevel) changes.push("access");
    row.changes = changes;
    row.action = changes.length ? "update" : "unchanged";
  }
  for (const row of planned) if (!row.first && row.existing) row.action = "unchanged";
  if (admins <= 0) for (const row of demotions) row.problems.push({ line: row.line, column: "access", reason: "this would leave CareLearn without an active administrator" });

  // Management cycles once the file is applied: follow manager links from every row.
  const state = new Map<string, 1 | 2>();
  for (const start of firstByKey.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    let node: string | null = start;
    while (node !== null && !state.has(node)) {
      state.set(node, 1);
      path.push(node);
      node = finalManager.get(node) ?? null;
    }
    if (node !== null && state.get(node) === 1) {
      const cycle = path.slice(path.indexOf(node));
      cycle.forEach((member, i) => {
        const row = firstByKey.get(member);
        if (!row) return;
        const reason =
          cycle.length === 1 ? `${row.email} is their own manager` : `management cycle: ${describeCycle(cycle, i)} (someone must be at the top with no manager above)`;
        row.problems.push({ line: row.line, column: "manager_email", reason });
      });
    }
    for (const n of path) state.set(n, 2);
  }

  const problems = planned.flatMap((r) => r.problems);
  const summary: ImportSummary = {
    rows: planned.length,
    ignoredColumns: table.ignored,
    create: planned.filter((r) => r.action === "create").length,
    update: planned.filter((r) => r.action === "update").length,
    unchanged: planned.filter((r) => r.action === "unchanged").length,
    departmentsToCreate: [...newDepartments.values()],
    problems: problems.length,
  };
  return { preview: { ok: true, rows: planned.map(toPreviewRow), problems, summary }, planned, existingByKey, departmentIds, newDepartments };
}

function toPreviewRow(row: Planned): PreviewRow {
  const { line, email, name, jobRole, department, newDepartment, managerEmail, access, action, changes, problems } = row;
  return { line, email, name, jobRole, department, newDepartment, managerEmail, access, action, changes, problems };
}

/** What importing this CSV text would do, and every problem, without writing anything. */
export function previewImport(db: Db, text: string, importer: Importer): ImportPreview {
  return planImport(db, text, importer).preview;
}

// ---------------------------------------------------------------------------------------------
// Storing and applying

export function canImport(importer: Pick<Importer, "accessLevel">): boolean {
  return importer.accessLevel === "hr" || importer.accessLevel === "admin";
}

/** Keeps the uploaded text, so the confirmation applies exactly what was previewed. */
export function storeImport(db: Db, actorId: number, fileName: string, content: string): number {
  return db
    .insert(peopleImports)
    .values({ actorId, fileName: fileName.slice(0, 255) || "people.csv", content })
    .returning({ id: peopleImports.id })
    .get().id;
}

export function findImport(db: Db, id: number) {
  return db.select().from(peopleImports).where(eq(peopleImports.id, id)).get();
}

/**
 * Applies a stored import in one immediate transaction: checks it again against the database as
 * it is now, refuses if any problem remains, then creates departments, creates or updates people
 * (existing ones keep their id, password and history), sets managers in a second pass, brings
 * enrolments in line with the assignment rules and records one audit entry. All or nothing.
 */
export function applyImport(db: DbHandle, importId: number, importer: Importer, today = todayIso(), now = new Date()): AppliedSummary {
  if (!canImport(importer)) throw new ImportRefused("Only HR and administrators can import people.", 403);
  const client = db.$client;
  return db.transaction(
    (tx) => {
      const stored = findImport(tx, importId);
      if (!stored) throw new ImportRefused("There is no import with that number.", 404);
      if (stored.appliedAt) throw new ImportRefused(`This import was already applied on ${stored.appliedAt.toISOString().slice(0, 10)}; upload the file again to import it again.`, 409);
      const plan = planImport(tx, stored.content, importer);
      if (!plan.preview.ok) throw new ImportRefused(plan.preview.errors.join(" "), 409);
      if (plan.preview.problems.length) {
        const n = plan.preview.problems.length;
        throw new ImportRefused(`Nothing was imported: the file has ${n} problem${n === 1 ? "" : "s"} against the people as they are now.`, 409, plan.preview.problems);
      }

      const insertDepartment = client.prepare("insert into departments (name) values (?)");
      const departmentIds = new Map(plan.departmentIds);
      for (const [key, name] of plan.newDepartments) departmentIds.set(key, Number(insertDepartment.run(name).lastInsertRowid));
      const departmentOf = (row: Planned) => (row.departmentKey === null ? null : (departmentIds.get(row.departmentKey) ?? null));

      const insertPerson = client.prepare("insert into users (email, name, job_role, department_id, access_level, joined_on) values (?, ?, ?, ?, ?, ?)");
      const updatePerson = client.prepare("update users set name = ?, job_role = ?, department_id = ?, access_level = ?, updated_at = ? where id = ?");
      const setManager = client.prepare("update users set manager_id = ? where id = ?");
      const idByKey = new Map<string, number>();
      for (const [key, person] of plan.existingByKey) idByKey.set(key, person.id);
      const rows = plan.planned.filter((r) => r.first);
      for (const row of rows) {
        const jobRole = row.jobRoleValue as JobRole;
        if (row.action === "create") {
          const id = insertPerson.run(row.key, row.name, jobRole, departmentOf(row), row.access ?? "learner", today).lastInsertRowid;
          idByKey.set(row.key, Number(id));
        } else if (row.action === "update" && row.existing) {
          updatePerson.run(row.name, jobRole, departmentOf(row), row.access ?? row.existing.accessLevel, now.getTime(), row.existing.id);
        }
      }
      // Managers once everyone exists: a manager may come later in the file than their reports.
      for (const row of rows) {
        if (row.action === "unchanged") continue;
        const id = idByKey.get(row.key) as number;
        const managerId = row.managerKey === null ? null : (idByKey.get(row.managerKey) ?? null);
        if (managerId !== (row.existing?.managerId ?? null)) setManager.run(managerId, id);
      }

      const enrolments = syncEnrolments(tx, today, now);
      const summary: AppliedSummary = {
        rows: plan.planned.length,
        created: plan.preview.summary.create,
        updated: plan.preview.summary.update,
        unchanged: plan.preview.summary.unchanged,
        departmentsCreated: plan.newDepartments.size,
        enrolmentsCreated: enrolments.created,
        enrolmentsUpdated: enrolments.updated,
        enrolmentsEnded: enrolments.ended,
      };
      recordAudit(tx, { actorId: importer.id, action: "people.import", entityType: "people_import", entityId: importId, after: summary });
      tx.update(peopleImports).set({ appliedAt: now, summary }).where(eq(peopleImports.id, importId)).run();
      return summary;
    },
    { behavior: "immediate" },
  );
}

// ---------------------------------------------------------------------------------------------
// The directory as CSV

export type DirectoryCsvRow = {
  email: string;
  name: string;
  job_role: string;
  department: string | null;
  manager_email: string | null;
  access: string;
  active: string;
  joined_on: string;
};

export const DIRECTORY_CSV_COLUMNS: Array<CsvColumn<DirectoryCsvRow>> = [
  { key: "email", header: "email" },
  { key: "name", header: "name" },
  { key: "job_role", header: "job_role" },
  { key: "department", header: "department" },
  { key: "manager_email", header: "manager_email" },
  { key: "access", header: "access" },
  { key: "active", header: "active" },
  { key: "joined_on", header: "joined_on" },
];

/** Everyone, active or not, in the import's columns plus active and joined_on, by email. */
export function directoryCsvRows(db: Db): DirectoryCsvRow[] {
  const manager = alias(users, "manager");
  return db
    .select({
      email: users.email,
      name: users.name,
      job_role: users.jobRole,
      department: departments.name,
      manager_email: manager.email,
      access: users.accessLevel,
      activeFlag: users.active,
      joined_on: users.joinedOn,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .leftJoin(manager, eq(manager.id, users.managerId))
    .orderBy(users.email)
    .all()
    .map(({ activeFlag, ...row }) => ({ ...row, active: activeFlag ? "yes" : "no" }));
}
