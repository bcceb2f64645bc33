import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
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
