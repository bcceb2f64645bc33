import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "~/models/content/catalogue.server";
import { LessonCompiler } from "~/models/content/mdx.server";
import { tempDir } from "../support/temp";

const SOURCE = "---\ntitle: Cached\nminutes: 2\n---\n\n<KeyTakeaway>Compile once.</KeyTakeaway>\n";

describe("lesson compile cache", () => {
  it("compiles a content hash once, then serves it from memory and from disk", async () => {
    const dir = tempDir("mdx-cache");
    const first = new LessonCompiler(dir);
    const compiled = await first.compile(SOURCE);
    await first.compile(SOURCE);
    expect(first.compiles).toBe(1);
    expect(compiled.components).toEqual([{ name: "KeyTakeaway", props: {}, line: 6 }]);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".json"))).toHaveLength(1);

    // A new process (a restart) finds it on disk: no compile at all.
    const second = new LessonCompiler(dir);
    expect((await second.compile(SOURCE)).code).toBe(compiled.code);
    expect(second.compiles).toBe(0);

    // Changed content is a new hash: compiled again.
    await second.compile(SOURCE.replace("once", "twice"));
    expect(second.compiles).toBe(1);
    fs.rmSync(path.resolve(dir), { recursive: true, force: true });
  });
});

describe("derived content cache", () => {
  it("works a value out once per input and version, across restarts", () => {
    const dir = tempDir("derived-cache");
    let computed = 0;
    const analyse = () => ({ paths: ++computed });
    const first = new LessonCompiler(dir);
    expect(first.derived("analysis", "1", "input", analyse)).toEqual({ paths: 1 });
    expect(new LessonCompiler(dir).derived("analysis", "1", "input", analyse)).toEqual({ paths: 1 });
    expect(computed).toBe(1);
    // A changed input, or a changed analysis, is worked out again.
    expect(first.derived("analysis", "1", "other input", analyse)).toEqual({ paths: 2 });
    expect(first.derived("analysis", "2", "input", analyse)).toEqual({ paths: 3 });
    fs.rmSync(path.resolve(dir), { recursive: true, force: true });
  });

  it("keeps every role-play's analysis when the catalogue loads, and reads it back the next time", async () => {
    const dir = tempDir("catalogue-cache");
    const catalogue = await loadCatalogue("courses", new LessonCompiler(dir));
    const files = fs.readdirSync(dir).filter((f) => f.startsWith("scenario-analysis-"));
    expect(files).toHaveLength(catalogue.scenarios.size);
    // Proof that the next load reads them: a tampered file is what it gets.
    const entry = [...catalogue.scenarios.values()][0]!;
    for (const f of files) {
      const file = path.join(dir, f);
      const saved = JSON.parse(fs.readFileSync(file, "utf8")) as { pathCount: number };
      if (saved.pathCount === entry.analysis.pathCount) fs.writeFileSync(file, JSON.stringify({ ...saved, pathCount: -1 }));
    }
    const again = await loadCatalogue("courses", new LessonCompiler(dir));
    expect(again.scenarios.get(entry.id)?.analysis.pathCount).toBe(-1);
    fs.rmSync(path.resolve(dir), { recursive: true, force: true });
  });
});
