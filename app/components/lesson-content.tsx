import { getMDXComponent } from "mdx-bundler/client";
import type { ComponentType } from "react";
import * as React from "react";
import * as ReactDOM from "react-dom";
import * as jsxRuntime from "react/jsx-runtime";

type LessonExport = { default: ComponentType<{ components?: Record<string, ComponentType<never>> }> };
type LessonFactory = (react: typeof React, reactDom: typeof ReactDOM, jsx: typeof jsxRuntime) => LessonExport;

declare global {
  interface Window {
    __carelearnLessons?: Record<string, LessonFactory>;
  }
}

export const lessonScriptUrl = (key: string) => `/lesson-code/${key}.js`;

/** Loads a lesson's code script (for client-side navigation; the first page load has it in the HTML). */
export function loadLessonScript(key: string): Promise<void> {
  if (window.__carelearnLessons?.[key]) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = lessonScriptUrl(key);
    script.onload = () => resolve();
    script.onerror = () => reject(new Error("The lesson could not be loaded. Check your connection and reload the page."));
    document.head.appendChild(script);
  });
}

// Server only: each compiled lesson evaluated once, by content hash. Evaluating the code is far
// dearer than rendering it, and the same few dozen lessons are read all day.
const serverLessons = new Map<string, LessonExport["default"]>();

/**
 * Server only, from the lesson's loader: makes the compiled code available to the server render
 * without sending it to the browser as loader data (the browser loads it as a script instead).
 */
export function prepareServerLesson(key: string, code: string): void {
  if (!serverLessons.has(key)) serverLessons.set(key, getMDXComponent(code) as LessonExport["default"]);
}

/**
 * The lesson as a component. On the server, from the code its loader prepared (Node has no CSP);
 * in the browser, from the factory its <script> registered, so no string is ever evaluated there.
 */
export function lessonComponent(key: string): LessonExport["default"] {
  if (typeof document === "undefined") {
    const component = serverLessons.get(key);
    if (!component) throw new Error(`Lesson ${key} was rendered before its loader prepared it.`);
    return component;
  }
  const factory = window.__carelearnLessons?.[key];
  if (!factory) throw new Error("The lesson could not be loaded. Check your connection and reload the page.");
  return factory(React, ReactDOM, jsxRuntime).default;
}
