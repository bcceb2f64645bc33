import type { Catalogue } from "./catalogue.server";

/**
 * A compiled lesson as a same-origin script that registers its factory under its content hash.
 * Loading it with a <script src> needs no eval, so the CSP can forbid 'unsafe-eval'.
 */
export function lessonScript(catalogue: Catalogue, key: string): string | null {
  for (const course of catalogue.courses) {
    const lesson = course.lessons.find((l) => l.compiled.key === key);
    if (lesson) {
      return `(self.__carelearnLessons = self.__carelearnLessons || {})[${JSON.stringify(key)}] = function (React, ReactDOM, _jsx_runtime) {\n${lesson.compiled.code}\n};\n`;
    }
  }
  return null;
}
