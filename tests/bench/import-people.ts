import type { Catalogue } from "~/models/content/catalogue.server";
import { applyImport, previewImport, storeImport } from "~/models/people-import.server";
import { openDatabase } from "~/utils/db.server";

export type ImportTiming = { people: number; previewMs: number; storeMs: number; applyMs: number; totalMs: number; created: number; enrolmentsCreated: number };

/**
 * HR's CSV import of the whole organisation into a fresh database that has only its administrator
 * and the "everyone" rule, through the same functions the import page calls: preview (every row
 * checked), store, then apply in one transaction (people, managers, enrolments, audit).
 */
export function timeImport(file: string, csv: string, catalogue: Catalogue): ImportTiming {
  const db = openDatabase(file);
  const sqlite = db.$client;
  const adminId = Number(
    sqlite
      .prepare("insert into users (email, name, job_role, access_level, joined_on) values ('importer@bench.carelearn.test', 'Bench Importer', 'hr-officer', 'admin', '2020-01-01')")
      .run().lastInsertRowid,
  );
  const curriculum = Number(sqlite.prepare("insert into curricula (name) values ('Customer care for everyone')").run().lastInsertRowid);
  const courses = [...catalogue.courses].sort((a, b) => a.meta.order - b.meta.order).slice(0, 2);
  courses.forEach((c, i) => sqlite.prepare("insert into curriculum_courses (curriculum_id, course_slug, position) values (?, ?, ?)").run(curriculum, c.slug, i));
  sqlite
    .prepare("insert into assignment_rules (target_kind, curriculum_id, due_days, recertify_months, starts_on, created_by) values ('everyone', ?, 30, 12, '2025-01-01', ?)")
    .run(curriculum, adminId);
  const importer = { id: adminId, accessLevel: "admin" as const };

  const t0 = performance.now();
  const preview = previewImport(db, csv, importer);
  const t1 = performance.now();
  if (!preview.ok) throw new Error(`the import preview refused the file: ${preview.errors.join(" ")}`);
  if (preview.problems.length) {
    const first = preview.problems.slice(0, 5).map((p) => `line ${p.line} ${p.column ?? ""}: ${p.reason}`);
    throw new Error(`the import preview found ${preview.problems.length} problems, e.g.\n  ${first.join("\n  ")}`);
  }
  const id = storeImport(db, adminId, "people.csv", csv);
  const t2 = performance.now();
  const summary = applyImport(db, id, importer);
  const t3 = performance.now();
  sqlite.close();
  return {
    people: summary.created,
    previewMs: Math.round(t1 - t0),
    storeMs: Math.round(t2 - t1),
    applyMs: Math.round(t3 - t2),
    totalMs: Math.round(t3 - t0),
    created: summary.created,
    enrolmentsCreated: summary.enrolmentsCreated,
  };
}
