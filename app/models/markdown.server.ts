import { micromark } from "micromark";

/**
 * Markdown from course files as HTML. micromark escapes raw HTML unless told otherwise, so a
 * hostile author's <script> arrives as text.
 */
export function markdownToHtml(markdown: string): string {
  return micromark(markdown);
}
