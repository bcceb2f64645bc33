import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { bundleMDX } from "mdx-bundler";
import remarkGfm from "remark-gfm";
import { fieldPath } from "./schemas.server";
import { MDX_COMPONENT_PROPS, type MdxComponentName } from "./mdx-components.server";

export type UsedComponent = { name: string; props: Record<string, unknown>; line: number };
/** `key` is the content hash: it names the compiled code wherever it is cached or served. */
export type CompiledLesson = { key: string; code: string; frontmatter: Record<string, unknown>; components: UsedComponent[] };
export type MdxProblem = { line: number | null; message: string };

// Bump when the compile settings change, so old cache entries are not reused.
const COMPILER_VERSION = "mdx-bundler-10.1/2+gfm";

type MdastNode = {
  type: string;
  name?: string | null;
  value?: unknown;
  url?: string;
  attributes?: Array<{ type: string; name?: string; value?: unknown }>;
  children?: MdastNode[];
  position?: { start: { line: number } };
};

/** Turns an attribute expression into a literal; authors may pass numbers, booleans and strings only. */
function literal(source: string): { ok: true; value: unknown } | { ok: false } {
  const text = source.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return { ok: true, value: Number(text) };
  if (text === "true" || text === "false") return { ok: true, value: text === "true" };
  if (/^"[^"\\]*"$/.test(text) || /^'[^'\\]*'$/.test(text)) return { ok: true, value: text.slice(1, -1) };
  return { ok: false };
}

/** Walks the MDX tree: records components and refuses anything beyond safe, known markup. */
function inspect(tree: MdastNode, used: UsedComponent[], problems: MdxProblem[]) {
  const visit = (node: MdastNode) => {
    const line = node.position?.start.line ?? null;
    if (node.type === "mdxjsEsm") problems.push({ line, message: "import and export statements are not allowed in lessons" });
    if (node.type === "mdxFlowExpression" || node.type === "mdxTextExpression") {
      const text = String(node.value ?? "").trim();
      if (!/^\/\*[\s\S]*\*\/$/.test(text)) problems.push({ line, message: "JavaScript expressions are not allowed in lessons (only {/* comments */})" });
    }
    if (node.type === "image") problems.push({ line, message: "use <Figure src=... alt=... caption=... /> for images" });
    if (node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") {
      const name = node.name ?? "";
      const schema = (MDX_COMPONENT_PROPS as Record<string, (typeof MDX_COMPONENT_PROPS)[MdxComponentName]>)[name];
      if (!schema) {
        problems.push({ line, message: `unknown component <${name || "fragment"}>; use one of ${Object.keys(MDX_COMPONENT_PROPS).join(", ")}` });
      } else {
        const props: Record<string, unknown> = {};
        for (const attribute of node.attributes ?? []) {
          if (attribute.type !== "mdxJsxAttribute" || !attribute.name) {
            problems.push({ line, message: `<${name}>: spread attributes are not allowed` });
            continue;
          }
          const raw = attribute.value;
          if (raw === null || raw === undefined) props[attribute.name] = true;
          else if (typeof raw === "string") props[attribute.name] = raw;
          else {
            const parsed = literal(String((raw as { value?: unknown }).value ?? ""));
            if (parsed.ok) props[attribute.name] = parsed.value;
            else problems.push({ line, message: `<${name}> ${attribute.name}: only numbers, true/false and strings are allowed` });
          }
        }
        const result = schema.safeParse(props);
        if (!result.success)
          for (const issue of result.error.issues)
            problems.push({ line, message: `<${name}> ${fieldPath(issue.path) || "props"}: ${issue.message}` });
        used.push({ name, props, line: line ?? 0 });
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
}

export class MdxCompileError extends Error {
  constructor(readonly problems: MdxProblem[]) {
    super(problems.map((p) => (p.line ? `line ${p.line}: ${p.message}` : p.message)).join("; "));
  }
}

async function compile(source: string): Promise<Omit<CompiledLesson, "key">> {
  const used: UsedComponent[] = [];
  const problems: MdxProblem[] = [];
  const guard = () => (tree: MdastNode) => inspect(tree, used, problems);
  let result: Awaited<ReturnType<typeof bundleMDX>>;
  try {
    result = await bundleMDX({
      source,
      mdxOptions(options) {
        // First, so it sees the author's file before mdx-bundler turns front matter into an export.
        options.remarkPlugins = [guard, ...(options.remarkPlugins ?? []), remarkGfm];
        return options;
      },
    });
  } catch (error) {
    if (problems.length) throw new MdxCompileError(problems);
    const message = error instanceof Error ? error.message : String(error);
    const line = /(\d+):\d+/.exec(message)?.[1];
    throw new MdxCompileError([{ line: line ? Number(line) : null, message: message.split("\n")[0] ?? message }]);
  }
  if (problems.length) throw new MdxCompileError(problems);
  return { code: result.code, frontmatter: result.frontmatter as Record<string, unknown>, components: used };
}

/** Compiles lessons once per content hash, remembered in memory and in a folder on disk. */
export class LessonCompiler {
  private memory = new Map<string, Promise<CompiledLesson>>();
  compiles = 0;
  constructor(private readonly cacheDir: string) {}

  private key(source: string): string {
    return createHash("sha256").update(COMPILER_VERSION).update("\0").update(source).digest("hex");
  }

  compile(source: string): Promise<CompiledLesson> {
    const key = this.key(source);
    let entry = this.memory.get(key);
    if (!entry) {
      entry = this.load(key, source);
      this.memory.set(key, entry);
      // A failed compile is not cached: the author will fix the file.
      entry.catch(() => this.memory.delete(key));
    }
    return entry;
  }

  private async load(key: string, source: string): Promise<CompiledLesson> {
    const file = path.join(this.cacheDir, `${key}.json`);
    try {
      return { ...(JSON.parse(fs.readFileSync(file, "utf8")) as Omit<CompiledLesson, "key">), key };
    } catch {
      // Not cached yet (or unreadable): compile below.
    }
    this.compiles += 1;
    const compiled = { ...(await compile(source)), key };
    this.write(file, compiled);
    return compiled;
  }

  /**
   * Other content worked out from a file and kept beside the compiled lessons: `compute(input)`'s
   * answer, remembered on disk under the hash of `version` and `input`. Bump `version` whenever
   * `compute` changes what it answers.
   */
  derived<T>(kind: string, version: string, input: string, compute: () => T): T {
    const key = createHash("sha256").update(kind).update("\0").update(version).update("\0").update(input).digest("hex");
    const file = path.join(this.cacheDir, `${kind}-${key}.json`);
    try {
      return JSON.parse(fs.readFileSync(file, "utf8")) as T;
    } catch {
      // Not worked out yet (or unreadable): compute below.
    }
    const value = compute();
    this.write(file, value);
    return value;
  }

  private write(file: string, value: unknown): void {
    fs.mkdirSync(this.cacheDir, { recursive: true });
    // Write then rename, so a reader in another process never sees half a file.
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(value));
    fs.renameSync(temp, file);
  }
}
