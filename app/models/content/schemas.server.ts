import { z } from "zod";
import { isJobRole, JOB_ROLES, type JobRole } from "~/utils/job-roles";

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case words joined by hyphens, like 'care-at-the-door'");

export const audienceSchema = z
  .union([z.literal("everyone"), z.array(z.string()).min(1, "name at least one job role, or 'everyone'")], {
    error: "audience is 'everyone' or a list of job roles",
  })
  .superRefine((value, ctx) => {
    if (value === "everyone") return;
    value.forEach((role, index) => {
      if (!isJobRole(role)) ctx.addIssue({ code: "custom", path: [index], message: `unknown job role '${role}'; known roles: ${JOB_ROLES.join(", ")}` });
    });
  })
  .transform((value) => value as "everyone" | JobRole[]);
export type Audience = z.infer<typeof audienceSchema>;

export const courseMetaSchema = z.strictObject({
  title: z.string().min(3).max(120),
  summary: z.string().min(10).max(600),
  audience: audienceSchema,
  estimatedMinutes: z.number().int().min(1).max(600),
  passingScore: z.number().int().min(1).max(100),
  recertifyMonths: z.number().int().min(1).max(120).optional(),
  order: z.number().int().min(0),
  requiredScenarios: z.array(slugSchema).default([]),
  // The course whose valid completion counts as "care coverage" in HR reports; one course at most.
  core: z.boolean().default(false),
});
export type CourseMeta = z.infer<typeof courseMetaSchema>;

export const lessonFrontMatterSchema = z.strictObject({
  title: z.string().min(3).max(120),
  minutes: z.number().int().min(1).max(60),
});

const optionSchema = z.strictObject({
  id: z.string().min(1).max(40),
  text: z.string().min(1).max(500),
  correct: z.boolean().default(false),
  explanation: z
    .string({ error: "every option needs an explanation that teaches" })
    .min(10, "every option needs an explanation that teaches (at least 10 characters)")
    .max(1000),
});

const questionSchema = z
  .strictObject({
    id: slugSchema,
    type: z.enum(["single", "multiple", "true-false"]),
    prompt: z.string().min(5).max(1000),
    options: z.array(optionSchema).min(2).max(8),
  })
  .superRefine((q, ctx) => {
    const ids = q.options.map((o) => o.id);
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate) ctx.addIssue({ code: "custom", path: ["options"], message: `option id '${duplicate}' is used twice` });
    const correct = q.options.filter((o) => o.correct).length;
    if (q.type === "true-false" && (ids.length !== 2 || !ids.includes("true") || !ids.includes("false")))
      ctx.addIssue({ code: "custom", path: ["options"], message: "a true-false question has exactly the options 'true' and 'false'" });
    if ((q.type === "single" || q.type === "true-false") && correct !== 1)
      ctx.addIssue({ code: "custom", path: ["options"], message: `a ${q.type} question has exactly one correct option (found ${correct})` });
    if (q.type === "multiple" && correct < 1)
      ctx.addIssue({ code: "custom", path: ["options"], message: "a multiple question has at least one correct option" });
  });

export const quizSchema = z
  .strictObject({
    title: z.string().min(3).max(120),
    questions: z.array(questionSchema).min(1),
  })
  .superRefine((quiz, ctx) => {
    const ids = quiz.questions.map((q) => q.id);
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate) ctx.addIssue({ code: "custom", path: ["questions"], message: `question id '${duplicate}' is used twice` });
  });
export type Quiz = z.infer<typeof quizSchema>;
export type QuizQuestion = Quiz["questions"][number];

export const MOODS = ["furious", "upset", "uneasy", "calm", "pleased"] as const;
export type Mood = (typeof MOODS)[number];

const choiceSchema = z.strictObject({
  id: slugSchema,
  label: z.string().min(2).max(500),
  next: slugSchema,
  scores: z.record(z.string(), z.number().int().min(-5).max(5)).default({}),
  moodChange: z.number().int().min(-2).max(2).default(0),
  feedback: z.string({ error: "every choice needs feedback that explains why" }).min(10, "every choice needs feedback that explains why").max(1500),
});

const nodeSchema = z.strictObject({
  id: slugSchema,
  speaker: z.enum(["customer", "you", "narrator"]),
  text: z.string().min(1).max(2000),
  mood: z.enum(MOODS).optional(),
  choices: z.array(choiceSchema).min(1, "a node needs at least one choice (an end of the conversation is an ending)").max(5),
});

const endingSchema = z.strictObject({
  id: slugSchema,
  outcome: z.enum(["retained", "escalated", "lost"]),
  title: z.string().min(2).max(160),
  summary: z.string().min(10).max(2000),
  cost: z.string().max(300).optional(),
  lifetimeValueLost: z.number().min(0).optional(),
});

export const scenarioSchema = z.strictObject({
  title: z.string().min(3).max(140),
  summary: z.string().min(10).max(600),
  audience: audienceSchema,
  setting: z.string().min(10).max(2000),
  persona: z.strictObject({
    name: z.string().min(1).max(80),
    description: z.string().min(5).max(600),
    mood: z.enum(MOODS).default("upset"),
  }),
  rubric: z
    .array(z.strictObject({ id: slugSchema, label: z.string().min(1).max(60), weight: z.number().positive().max(100) }))
    .min(1)
    .max(6),
  passMark: z.number().int().min(1).max(100),
  start: slugSchema,
  nodes: z.array(nodeSchema).min(1),
  endings: z.array(endingSchema).min(1),
});
export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioNode = Scenario["nodes"][number];
export type ScenarioChoice = ScenarioNode["choices"][number];
export type ScenarioEnding = Scenario["endings"][number];

/** "questions.2.options" → "questions[2].options": the field as an author would look for it. */
export function fieldPath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), "");
}
