import { describe, expect, it } from "vitest";
import { checkFiles, GOOD_COURSE, messages } from "../support/course-fixture";

const withFiles = (files: Record<string, string>) => checkFiles({ good: { ...GOOD_COURSE, ...files } });

describe("courses:check", () => {
  it("passes a sound course", async () => {
    const catalogue = await withFiles({});
    expect(messages(catalogue)).toEqual([]);
    expect(catalogue.courses[0]?.lessons[0]?.slug).toBe("first");
  });

  it("names the file, field and line of a bad course.yaml value", async () => {
    const errors = messages(await withFiles({ "course.yaml": GOOD_COURSE["course.yaml"].replace("passingScore: 50", "passingScore: 150") }));
    expect(errors).toEqual([expect.stringMatching(/^courses\/good\/course\.yaml › passingScore \(line 5\): .*100/)]);
  });

  it("rejects an unknown job role and an unknown field", async () => {
    const errors = messages(await withFiles({ "course.yaml": GOOD_COURSE["course.yaml"].replace("audience: everyone", "audience: [astronaut]\ncolour: blue") }));
    expect(errors.some((e) => e.includes("audience[0]") && e.includes("unknown job role 'astronaut'"))).toBe(true);
    expect(errors.some((e) => e.includes("colour"))).toBe(true);
  });

  it("reports YAML that does not parse, with its line", async () => {
    const errors = messages(await withFiles({ "quizzes/check.yaml": "title: Check: broken\nquestions: [" }));
    expect(errors[0]).toMatch(/quizzes\/check\.yaml › line \d+: not valid YAML/);
  });

  it("requires an explanation on every option", async () => {
    const quiz = GOOD_COURSE["quizzes/check.yaml"].replace("explanation: Because it is the wrong one. ", "");
    expect(messages(await withFiles({ "quizzes/check.yaml": quiz }))).toEqual([
      "courses/good/quizzes/check.yaml › questions[0].options[1].explanation (line 8): every option needs an explanation that teaches",
    ]);
  });

  it("requires exactly one correct option on a single-answer question", async () => {
    const quiz = GOOD_COURSE["quizzes/check.yaml"].replace("text: That one,", "text: That one, correct: true,");
    expect(messages(await withFiles({ "quizzes/check.yaml": quiz })).some((e) => e.includes("exactly one correct option (found 2)"))).toBe(true);
  });

  it("insists true-false questions offer exactly 'true' and 'false'", async () => {
    const quiz = GOOD_COURSE["quizzes/check.yaml"].replace("type: single", "type: true-false");
    expect(messages(await withFiles({ "quizzes/check.yaml": quiz })).some((e) => e.includes("exactly the options 'true' and 'false'"))).toBe(true);
  });

  it("finds a lesson without front matter and a misnamed lesson file", async () => {
    const errors = messages(await withFiles({ "lessons/02-second.mdx": "Just text", "lessons/third.mdx": "---\ntitle: Third one\nminutes: 3\n---\nx" }));
    expect(errors).toContain("courses/good/lessons/02-second.mdx › line 1: a lesson starts with front matter between --- lines (title, minutes)");
    expect(errors).toContain("courses/good/lessons/third.mdx: a lesson file is named NN-slug.mdx, e.g. 01-one-service.mdx");
  });

  it("allows only known components, literal props, and no code", async () => {
    const lesson = [
      "---\ntitle: Hostile lesson\nminutes: 5\n---",
      "import X from 'y'",
      "",
      "<div>raw html</div>",
      "",
      "{fetch('https://evil.example')}",
      "",
      "<Callout type=\"shout\">Loud</Callout>",
      "",
      "<LifetimeValue amount={globalThis.x} />",
      "",
      "{/* a comment is fine */}",
    ].join("\n");
    const errors = messages(await withFiles({ "lessons/01-first.mdx": lesson }));
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining("line 5: import and export statements are not allowed"),
        expect.stringContaining("line 7: unknown component <div>"),
        expect.stringContaining("line 9: JavaScript expressions are not allowed"),
        expect.stringMatching(/line 11: <Callout> type: /),
        expect.stringContaining("line 13: <LifetimeValue> amount: only numbers, true/false and strings are allowed"),
      ]),
    );
    expect(errors.some((e) => e.includes("line 15"))).toBe(false);
  });

  it("reports MDX that does not compile, with its line", async () => {
    const errors = messages(await withFiles({ "lessons/01-first.mdx": "---\ntitle: Broken lesson\nminutes: 5\n---\n\n<Callout type=\"tip\">\nunclosed\n" }));
    expect(errors[0]).toMatch(/courses\/good\/lessons\/01-first\.mdx/);
  });

  it("resolves quiz, scenario and image references", async () => {
    const lesson = "---\ntitle: References\nminutes: 5\n---\n\n<Quiz id=\"nope\" />\n\n<Scenario id=\"missing\" />\n\n<Figure src=\"gone.png\" alt=\"A picture\" />\n";
    const errors = messages(
      await withFiles({ "lessons/01-first.mdx": lesson, "course.yaml": `${GOOD_COURSE["course.yaml"]}requiredScenarios: [ghost]\n` }),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        "courses/good/course.yaml › requiredScenarios: scenario 'ghost' does not exist",
        "courses/good/lessons/01-first.mdx › line 6: <Quiz id=\"nope\"> is not in this course's quizzes/ folder",
        "courses/good/lessons/01-first.mdx › line 8: <Scenario id=\"missing\"> does not exist in any course",
        "courses/good/lessons/01-first.mdx › line 10: <Figure src=\"gone.png\"> is not in this course's images/ folder",
      ]),
    );
  });

  it("refuses a scenario id used by two courses", async () => {
    const scenario = (await import("node:fs")).readFileSync("courses/welcome-to-carelearn/scenarios/first-call.yaml", "utf8");
    const catalogue = await checkFiles({
      one: { ...GOOD_COURSE, "scenarios/same.yaml": scenario },
      two: { ...GOOD_COURSE, "scenarios/same.yaml": scenario },
    });
    expect(messages(catalogue)).toEqual([expect.stringContaining("scenario id 'same' is also used by course 'one'")]);
  });

  it("passes the real catalogue", async () => {
    const { loadCatalogue } = await import("~/models/content/catalogue.server");
    const { LessonCompiler } = await import("~/models/content/mdx.server");
    const catalogue = await loadCatalogue("courses", new LessonCompiler("tests/.tmp/mdx-cache"));
    expect(catalogue.errors).toEqual([]);
  });
});
