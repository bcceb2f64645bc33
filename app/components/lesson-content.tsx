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

/**
 * The lesson as a component. On the server, from the compiled code (Node has no CSP); in the
 * browser, from the factory its <script> registered, so no string is ever evaluated there.
 */
export function lessonComponent(key: string, code: string): LessonExport["default"] {
  if (typeof document === "undefined") return getMDXComponent(code) as LessonExport["default"];
  const factory = window.__carelearnLessons?.[key];
  if (!factory) throw new Error("The lesson could not be loaded. Check your connection and reload the page.");
  return factory(React, ReactDOM, jsxRuntime).default;
}
