import fs from "node:fs";
import path from "node:path";
import { loadCatalogue } from "~/models/content/catalogue.server";
import { LessonCompiler } from "~/models/content/mdx.server";
import { tempDir } from "./temp";

export const GOOD_COURSE = {
  "course.yaml": "title: A small course\nsummary: A course used to test the checker.\naudience: everyone\nestimatedMinutes: 10\npassingScore: 50\norder: 1\n",
  "lessons/01-first.mdx": "---\ntitle: The first lesson\nminutes: 5\n---\n\nHello **world**.\n\n<Callout type=\"tip\">Be kind.</Callout>\n",
  "quizzes/check.yaml": [
    "title: Check",
    "questions:",
    "  - id: q1",
    "    type: single",
    "    prompt: Which is right?",
    "    options:",
    "      - { id: a, text: This one, correct: true, explanation: Because it is the right one. }",
    "      - { id: b, text: That one, explanation: Because it is the wrong one. }",
  ].join("\n"),
} as const;

/** Writes courses into a fresh folder: { slug: { relativePath: content } }. */
export function writeCourses(courses: Record<string, Record<string, string>>): string {
  const root = tempDir("courses");
  for (const [slug, files] of Object.entries(courses)) {
    for (const [file, content] of Object.entries(files)) {
      const full = path.join(root, slug, file);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, content);
    }
  }
  return root;
}

/** Loads a catalogue from files, with its own compile cache. */
export async function checkFiles(courses: Record<string, Record<string, string>>) {
  const root = writeCourses(courses);
  const catalogue = await loadCatalogue(root, new LessonCompiler(path.join(root, ".cache")));
  fs.rmSync(root, { recursive: true, force: true });
  return catalogue;
}

export function messages(catalogue: Awaited<ReturnType<typeof checkFiles>>): string[] {
  return catalogue.errors.map((e) => `${e.file}${e.where ? ` › ${e.where}` : ""}: ${e.message}`);
}
