import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { type CompiledLesson, type LessonCompiler, MdxCompileError } from "./mdx.server";
import { ANALYSIS_VERSION, analyseScenario, type ScenarioAnalysis } from "./scenario-graph.server";
import {
  type CourseMeta,
  courseMetaSchema,
  lessonFrontMatterSchema,
  type Quiz,
  quizSchema,
  type Scenario,
  scenarioSchema,
  slugSchema,
} from "./schemas.server";
import { type ContentError, readYamlFile } from "./yaml-file.server";

export type { ContentError } from "./yaml-file.server";

export type Lesson = { slug: string; order: number; title: string; minutes: number; file: string; compiled: CompiledLesson };
export type Course = {
  slug: string;
  dir: string;
  version: string;
  meta: CourseMeta;
  lessons: Lesson[];
  quizzes: Map<string, Quiz>;
  scenarioIds: string[];
};
export type ScenarioEntry = { id: string; courseSlug: string; version: string; scenario: Scenario; analysis: ScenarioAnalysis };
export type Catalogue = {
  courses: Course[];
  courseBySlug: Map<string, Course>;
  scenarios: Map<string, ScenarioEntry>;
  errors: ContentError[];
};

const LESSON_FILE = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx$/;
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

function listFiles(dir: string, extension: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(extension))
    .sort();
}

function hashFolder(dir: string): string {
  const hash = createHash("sha256");
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else hash.update(path.relative(dir, full)).update("\0").update(fs.readFileSync(full)).update("\0");
    }
  };
  walk(dir);
  return hash.digest("hex").slice(0, 12);
}

async function loadLesson(file: string, display: string, order: number, slug: string, compiler: LessonCompiler, errors: ContentError[]): Promise<Lesson | null> {
  const source = fs.readFileSync(file, "utf8");
  const match = FRONT_MATTER.exec(source);
  if (!match) {
    errors.push({ file: display, where: "line 1", message: "a lesson starts with front matter between --- lines (title, minutes)" });
    return null;
  }
  let data: unknown;
  try {
    data = YAML.parse(match[1] ?? "");
  } catch (error) {
    errors.push({ file: display, where: "front matter", message: `not valid YAML: ${(error as Error).message.split("\n")[0]}` });
    return null;
  }
  const front = lessonFrontMatterSchema.safeParse(data);
  if (!front.success) {
    for (const issue of front.error.issues) errors.push({ file: display, where: `front matter ${issue.path.join(".") || ""}`.trim(), message: issue.message });
    return null;
  }
  try {
    const compiled = await compiler.compile(source);
    return { slug, order, title: front.data.title, minutes: front.data.minutes, file: display, compiled };
  } catch (error) {
    if (error instanceof MdxCompileError)
      for (const p of error.problems) errors.push({ file: display, where: p.line ? `line ${p.line}` : undefined, message: p.message });
    else errors.push({ file: display, message: `does not compile: ${(error as Error).message}` });
    return null;
  }
}

async function loadCourse(root: string, slug: string, compiler: LessonCompiler, errors: ContentError[], scenarios: Map<string, ScenarioEntry>): Promise<Course | null> {
  const dir = path.join(root, slug);
  const rel = (...parts: string[]) => path.posix.join("courses", slug, ...parts);
  if (!slugSchema.safeParse(slug).success) {
    errors.push({ file: rel(), message: "a course folder name must be lower-case words joined by hyphens" });
    return null;
  }
  if (!fs.existsSync(path.join(dir, "course.yaml"))) {
    errors.push({ file: rel("course.yaml"), message: "missing: every course folder needs a course.yaml" });
    return null;
  }
  const { value: meta, errors: metaErrors } = readYamlFile(path.join(dir, "course.yaml"), rel("course.yaml"), courseMetaSchema);
  errors.push(...metaErrors);

  const lessons: Lesson[] = [];
  const lessonSlugs = new Set<string>();
  for (const name of fs.existsSync(path.join(dir, "lessons")) ? fs.readdirSync(path.join(dir, "lessons")).sort() : []) {
    const match = LESSON_FILE.exec(name);
    if (!match) {
      errors.push({ file: rel("lessons", name), message: "a lesson file is named NN-slug.mdx, e.g. 01-one-service.mdx" });
      continue;
    }
    const [, order, lessonSlug] = match as unknown as [string, string, string];
    if (lessonSlugs.has(lessonSlug)) errors.push({ file: rel("lessons", name), message: `lesson slug '${lessonSlug}' is used twice in this course` });
    lessonSlugs.add(lessonSlug);
    const lesson = await loadLesson(path.join(dir, "lessons", name), rel("lessons", name), Number(order), lessonSlug, compiler, errors);
    if (lesson) lessons.push(lesson);
  }
  if (lessonSlugs.size === 0) errors.push({ file: rel("lessons"), message: "a course needs at least one lesson" });

  const quizzes = new Map<string, Quiz>();
  for (const name of listFiles(path.join(dir, "quizzes"), ".yaml")) {
    const id = name.replace(/\.yaml$/, "");
    if (!slugSchema.safeParse(id).success) errors.push({ file: rel("quizzes", name), message: "a quiz file name must be lower-case words joined by hyphens" });
    const { value, errors: quizErrors } = readYamlFile(path.join(dir, "quizzes", name), rel("quizzes", name), quizSchema);
    errors.push(...quizErrors);
    if (value) quizzes.set(id, value);
  }

  const version = hashFolder(dir);
  const scenarioIds: string[] = [];
  for (const name of listFiles(path.join(dir, "scenarios"), ".yaml")) {
    const id = name.replace(/\.yaml$/, "");
    const display = rel("scenarios", name);
    if (!slugSchema.safeParse(id).success) errors.push({ file: display, message: "a scenario file name must be lower-case words joined by hyphens" });
    if (scenarios.has(id)) {
      errors.push({ file: display, message: `scenario id '${id}' is also used by course '${scenarios.get(id)?.courseSlug}'; ids are unique across courses` });
      continue;
    }
    const { value, errors: scenarioErrors } = readYamlFile(path.join(dir, "scenarios", name), display, scenarioSchema);
    errors.push(...scenarioErrors);
    if (!value) continue;
    // Enumerating every path of a large role-play takes a good part of a second: kept with the
    // compiled lessons, keyed by the scenario as parsed, so start-up does it only after a change.
    const analysis = compiler.derived("scenario-analysis", ANALYSIS_VERSION, JSON.stringify(value), () => analyseScenario(value));
    errors.push(...analysis.errors.map((message) => ({ file: display, message })));
    scenarioIds.push(id);
    scenarios.set(id, { id, courseSlug: slug, version, scenario: value, analysis });
  }

  if (!meta) return null;
  return { slug, dir, version, meta, lessons, quizzes, scenarioIds };
}

/** Every reference between files resolves: quizzes, scenarios, images. */
function checkReferences(catalogue: Catalogue) {
  for (const course of catalogue.courses) {
    for (const id of course.meta.requiredScenarios) {
      if (!catalogue.scenarios.has(id))
        catalogue.errors.push({ file: `courses/${course.slug}/course.yaml`, where: "requiredScenarios", message: `scenario '${id}' does not exist` });
    }
    for (const lesson of course.lessons) {
      for (const used of lesson.compiled.components) {
        const where = `line ${used.line}`;
        const id = String(used.props.id ?? "");
        if (used.name === "Quiz" && !course.quizzes.has(id))
          catalogue.errors.push({ file: lesson.file, where, message: `<Quiz id="${id}"> is not in this course's quizzes/ folder` });
        if (used.name === "Scenario" && !catalogue.scenarios.has(id))
          catalogue.errors.push({ file: lesson.file, where, message: `<Scenario id="${id}"> does not exist in any course` });
        if (used.name === "Figure" && !fs.existsSync(path.join(course.dir, "images", String(used.props.src))))
          catalogue.errors.push({ file: lesson.file, where, message: `<Figure src="${used.props.src}"> is not in this course's images/ folder` });
      }
    }
  }
}

/** Reads, validates and compiles the whole catalogue under `root`. Errors are collected, not thrown. */
export async function loadCatalogue(root: string, compiler: LessonCompiler): Promise<Catalogue> {
  const errors: ContentError[] = [];
  const scenarios = new Map<string, ScenarioEntry>();
  const courses: Course[] = [];
  const folders = fs.existsSync(root) ? fs.readdirSync(root).filter((f) => fs.statSync(path.join(root, f)).isDirectory()).sort() : [];
  for (const slug of folders) {
    const course = await loadCourse(root, slug, compiler, errors, scenarios);
    if (course) courses.push(course);
  }
  courses.sort((a, b) => a.meta.order - b.meta.order || a.meta.title.localeCompare(b.meta.title));
  const catalogue: Catalogue = { courses, courseBySlug: new Map(courses.map((c) => [c.slug, c])), scenarios, errors };
  checkReferences(catalogue);
  const core = courses.filter((c) => c.meta.core);
  if (core.length > 1) errors.push({ file: `courses/${core[1]!.slug}/course.yaml`, where: "core", message: `only one course can be the core course; '${core[0]!.slug}' already is` });
  return catalogue;
}
