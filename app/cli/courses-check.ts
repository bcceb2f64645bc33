import path from "node:path";
import { type Catalogue, loadCatalogue } from "~/models/content/catalogue.server";
import { LessonCompiler } from "~/models/content/mdx.server";
import { cacheDir, coursesDir } from "~/utils/env.server";
import { isMain } from "./is-main";

/** Validates the whole catalogue; prints every problem with its file and place. */
export async function checkCourses({ root = coursesDir(), verbose = true } = {}): Promise<{ problems: number; catalogue: Catalogue }> {
  const compiler = new LessonCompiler(path.join(cacheDir(), "mdx"));
  const catalogue = await loadCatalogue(root, compiler);
  for (const course of verbose ? catalogue.courses : []) {
    console.log(`✓ ${course.slug}: ${course.lessons.length} lessons, ${course.quizzes.size} quiz(zes), ${course.scenarioIds.length} scenario(s)`);
    for (const id of course.scenarioIds) {
      const { analysis, scenario } = catalogue.scenarios.get(id)!;
      if (analysis.errors.length) continue;
      console.log(
        `    scenario ${id}: ${analysis.pathCount} paths, longest ${analysis.longestPath} decisions, score best ${analysis.bestScore} / worst ${analysis.worstScore}, pass mark ${scenario.passMark}`,
      );
    }
  }
  for (const error of catalogue.errors) {
    console.error(`✗ ${error.file}${error.where ? ` › ${error.where}` : ""}: ${error.message}`);
  }
  console.log(
    catalogue.errors.length === 0
      ? `courses:check passed: ${catalogue.courses.length} courses, ${catalogue.scenarios.size} scenarios (${compiler.compiles} lesson(s) compiled, the rest from cache)`
      : `courses:check found ${catalogue.errors.length} problem(s)`,
  );
  return { problems: catalogue.errors.length, catalogue };
}

if (isMain(import.meta.url)) {
  checkCourses()
    .then(({ problems }) => process.exit(problems === 0 ? 0 : 1))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
