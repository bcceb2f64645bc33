import fs from "node:fs";
import YAML, { LineCounter } from "yaml";
import type { z } from "zod";
import { fieldPath } from "./schemas.server";

export type ContentError = { file: string; where?: string; message: string };

/** Reads a YAML file against a schema; problems name the field and, where known, the line. */
export function readYamlFile<S extends z.ZodType>(file: string, display: string, schema: S): { value?: z.infer<S>; errors: ContentError[] } {
  const text = fs.readFileSync(file, "utf8");
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    return {
      errors: doc.errors.map((e) => ({
        file: display,
        where: e.linePos?.[0] ? `line ${e.linePos[0].line}` : undefined,
        message: `not valid YAML: ${e.message.split("\n")[0]}`,
      })),
    };
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return { value: result.data, errors: [] };
  return {
    errors: result.error.issues.map((issue) => {
      // A missing field has no node of its own: point at the nearest parent that exists.
      let line: number | undefined;
      for (let depth = issue.path.length; depth >= 0 && line === undefined; depth--) {
        const node = doc.getIn(issue.path.slice(0, depth) as Array<string | number>, true) as { range?: [number, number, number] } | undefined;
        if (node?.range) line = lineCounter.linePos(node.range[0]).line;
      }
      const field = fieldPath(issue.path) || "(file)";
      return { file: display, where: line ? `${field} (line ${line})` : field, message: issue.message };
    }),
  };
}
