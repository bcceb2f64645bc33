import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  index,
  integer,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

export const ACCESS_LEVELS = ["learner", "manager", "hr", "admin"] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export const LEADERBOARD_VISIBILITY = ["name", "initials", "hidden"] as const;
export type LeaderboardVisibility = (typeof LEADERBOARD_VISIBILITY)[number];

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const departments = sqliteTable("departments", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  createdAt: createdAt(),
});

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    jobRole: text("job_role").notNull(),
    departmentId: integer("department_id").references(() => departments.id),
    managerId: integer("manager_id").references((): AnySQLiteColumn => users.id),
    accessLevel: text("access_level", { enum: ACCESS_LEVELS }).notNull().default("learner"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    leaderboardVisibility: text("leaderboard_visibility", { enum: LEADERBOARD_VISIBILITY })
      .notNull()
      .default("name"),
    joinedOn: text("joined_on").notNull(),
    passwordHash: text("password_hash"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("users_email_lower_unique").on(sql`lower(${t.email})`),
    index("users_manager_idx").on(t.managerId),
    index("users_department_idx").on(t.departmentId),
    index("users_job_role_idx").on(t.jobRole),
  ],
);

export const sessions = sqliteTable(
  "sessions",
  {
    // sha256 of the token in the cookie: a leaked database does not leak live sessions.
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actorId: integer("actor_id").references(() => users.id),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt)],
);

export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

// Learning records. Keyed by course and lesson slugs plus the course's content version, so
// editing content never deletes history.

export const lessonProgress = sqliteTable(
  "lesson_progress",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    lessonSlug: text("lesson_slug").notNull(),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }),
    secondsSpent: integer("seconds_spent").notNull().default(0),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("lesson_progress_user_lesson_unique").on(t.userId, t.courseSlug, t.lessonSlug),
    index("lesson_progress_course_idx").on(t.courseSlug, t.completedAt),
    index("lesson_progress_updated_idx").on(t.userId, t.updatedAt),
  ],
);

export const quizAttempts = sqliteTable(
  "quiz_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    quizId: text("quiz_id").notNull(),
    courseVersion: text("course_version").notNull(),
    answers: text("answers", { mode: "json" }).$type<Record<string, string[]>>().notNull(),
    correctCount: integer("correct_count").notNull(),
    questionCount: integer("question_count").notNull(),
    score: integer("score").notNull(),
    passed: integer("passed", { mode: "boolean" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("quiz_attempts_user_quiz_idx").on(t.userId, t.courseSlug, t.quizId)],
);

export const courseCompletions = sqliteTable(
  "course_completions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    courseVersion: text("course_version").notNull(),
    score: integer("score").notNull(),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
    certificateCode: text("certificate_code").notNull().unique(),
  },
  (t) => [index("course_completions_user_course_idx").on(t.userId, t.courseSlug, t.completedAt), index("course_completions_course_idx").on(t.courseSlug, t.completedAt)],
);

export const SCENARIO_RUN_STATUS = ["in_progress", "finished", "abandoned"] as const;

export const scenarioRuns = sqliteTable(
  "scenario_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    scenarioId: text("scenario_id").notNull(),
    courseSlug: text("course_slug").notNull(),
    scenarioVersion: text("scenario_version").notNull(),
    status: text("status", { enum: SCENARIO_RUN_STATUS }).notNull().default("in_progress"),
    currentNodeId: text("current_node_id").notNull(),
    mood: text("mood").notNull(),
    totals: text("totals", { mode: "json" }).$type<Record<string, number>>().notNull(),
    score: real("score"),
    passed: integer("passed", { mode: "boolean" }),
    endingId: text("ending_id"),
    outcome: text("outcome"),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("scenario_runs_user_idx").on(t.userId, t.scenarioId, t.status), index("scenario_runs_scenario_idx").on(t.scenarioId, t.status)],
);

export const scenarioChoices = sqliteTable(
  "scenario_choices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    runId: integer("run_id")
      .notNull()
      .references(() => scenarioRuns.id),
    step: integer("step").notNull(),
    nodeId: text("node_id").notNull(),
    choiceId: text("choice_id").notNull(),
    moodBefore: text("mood_before").notNull(),
    moodAfter: text("mood_after").notNull(),
    chosenAt: integer("chosen_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("scenario_choices_run_step_unique").on(t.runId, t.step), index("scenario_choices_node_idx").on(t.nodeId, t.choiceId)],
);

// Failed sign-ins, for rate limiting by account and by address. Old rows are pruned.
export const signInFailures = sqliteTable(
  "sign_in_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    address: text("address").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("sign_in_failures_email_idx").on(t.email, t.at), index("sign_in_failures_address_idx").on(t.address, t.at)],
);

// HR: curricula, assignment rules and the enrolments they produce, imports and reminders.

export const curricula = sqliteTable("curricula", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  description: text("description").notNull().default(""),
  archivedAt: integer("archived_at", { mode: "timestamp_ms" }),
  createdAt: createdAt(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
});

export const curriculumCourses = sqliteTable(
  "curriculum_courses",
  {
    curriculumId: integer("curriculum_id")
      .notNull()
      .references(() => curricula.id),
    courseSlug: text("course_slug").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [uniqueIndex("curriculum_courses_unique").on(t.curriculumId, t.courseSlug)],
);

export const RULE_TARGETS = ["everyone", "department", "job_role", "manager_team", "people"] as const;
export type RuleTarget = (typeof RULE_TARGETS)[number];

export const assignmentRules = sqliteTable(
  "assignment_rules",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    targetKind: text("target_kind", { enum: RULE_TARGETS }).notNull(),
    targetDepartmentId: integer("target_department_id").references(() => departments.id),
    targetJobRole: text("target_job_role"),
    targetManagerId: integer("target_manager_id").references(() => users.id),
    curriculumId: integer("curriculum_id").references(() => curricula.id),
    courseSlug: text("course_slug"),
    dueDays: integer("due_days").notNull(),
    recertifyMonths: integer("recertify_months"),
    startsOn: text("starts_on").notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    removedAt: integer("removed_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("assignment_rules_active_idx").on(t.removedAt)],
);

export const assignmentRulePeople = sqliteTable(
  "assignment_rule_people",
  {
    ruleId: integer("rule_id")
      .notNull()
      .references(() => assignmentRules.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [uniqueIndex("assignment_rule_people_unique").on(t.ruleId, t.userId)],
);

/** One row per person and assigned course, kept in step with the rules by syncEnrolments. */
export const enrolments = sqliteTable(
  "enrolments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    ruleId: integer("rule_id")
      .notNull()
      .references(() => assignmentRules.id),
    assignedOn: text("assigned_on").notNull(),
    dueOn: text("due_on").notNull(),
    extendedDueOn: text("extended_due_on"),
    extensionReason: text("extension_reason"),
    recertifyMonths: integer("recertify_months"),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("enrolments_user_course_unique").on(t.userId, t.courseSlug), index("enrolments_course_idx").on(t.courseSlug, t.endedAt)],
);

export const peopleImports = sqliteTable("people_imports", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  actorId: integer("actor_id")
    .notNull()
    .references(() => users.id),
  fileName: text("file_name").notNull(),
  content: text("content").notNull(),
  createdAt: createdAt(),
  appliedAt: integer("applied_at", { mode: "timestamp_ms" }),
  summary: text("summary", { mode: "json" }),
});

export const remindersSent = sqliteTable(
  "reminders_sent",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    sentOn: text("sent_on").notNull(),
    courses: text("courses", { mode: "json" }).$type<string[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("reminders_sent_user_day_unique").on(t.userId, t.sentOn)],
);

// Leaderboards (docs/decisions/007-leaderboards.md). Points come from outcomes, recorded once in
// a ledger; per-person totals for every period are kept up to date in the same transaction, so
// boards read a few thousand rows at most and never scan progress.

export const LEADERBOARD_POINT_KINDS = ["course_on_time", "course_late", "course_extra", "recertified_on_time", "recertified_late", "scenario_pass"] as const;
export type LeaderboardPointKind = (typeof LEADERBOARD_POINT_KINDS)[number];

export const leaderboardPoints = sqliteTable(
  "leaderboard_points",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: LEADERBOARD_POINT_KINDS }).notNull(),
    // What was achieved, once per person: "course:<slug>", "course:<slug>:renewal:<ms>", "scenario:<id>".
    outcomeKey: text("outcome_key").notNull(),
    courseSlug: text("course_slug").notNull(),
    scenarioId: text("scenario_id"),
    // The course_completions or scenario_runs row that earned it.
    sourceId: integer("source_id").notNull(),
    points: integer("points").notNull(),
    earnedAt: integer("earned_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("leaderboard_points_outcome_unique").on(t.userId, t.outcomeKey), index("leaderboard_points_earned_idx").on(t.earnedAt)],
);

/** Each person's points per period ("all", "week:2026-11-16", "month:2026-11", "quarter:2026-Q4"). */
export const leaderboardTotals = sqliteTable(
  "leaderboard_totals",
  {
    period: text("period").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    points: integer("points").notNull(),
  },
  (t) => [uniqueIndex("leaderboard_totals_period_user_unique").on(t.period, t.userId), index("leaderboard_totals_rank_idx").on(t.period, t.points)],
);

/** A week's boards as published when the week ended. Never updated: triggers refuse it. */
export const leaderboardSnapshots = sqliteTable("leaderboard_snapshots", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  // The Monday the week began, in the organisation's time zone at publication.
  weekStart: text("week_start").notNull().unique(),
  startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
  endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
  timeZone: text("time_zone").notNull(),
  // Whether individual boards were on: if not, only team boards were frozen.
  individuals: integer("individuals", { mode: "boolean" }).notNull(),
  publishedAt: integer("published_at", { mode: "timestamp_ms" }).notNull(),
});

export const SNAPSHOT_BOARDS = ["people", "department", "manager"] as const;
export const SNAPSHOT_MOVEMENTS = ["up", "down", "same", "new"] as const;

export const leaderboardSnapshotEntries = sqliteTable(
  "leaderboard_snapshot_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    snapshotId: integer("snapshot_id")
      .notNull()
      .references(() => leaderboardSnapshots.id),
    board: text("board", { enum: SNAPSHOT_BOARDS }).notNull(),
    // A user id (people, manager) or a department id.
    subjectId: integer("subject_id").notNull(),
    rank: integer("rank").notNull(),
    previousRank: integer("previous_rank"),
    movement: text("movement", { enum: SNAPSHOT_MOVEMENTS }).notNull(),
    // Points for a person; points per head for a team.
    points: real("points").notNull(),
    total: integer("total").notNull(),
    members: integer("members").notNull(),
    // A team's name as it was; people are named at display time, never more openly than they chose then.
    label: text("label"),
    jobRole: text("job_role"),
    visibility: text("visibility", { enum: LEADERBOARD_VISIBILITY }),
  },
  (t) => [uniqueIndex("leaderboard_snapshot_entries_unique").on(t.snapshotId, t.board, t.subjectId), index("leaderboard_snapshot_entries_rank_idx").on(t.snapshotId, t.board, t.rank)],
);

/** Office-screen links: only a SHA-256 of each token is kept. */
export const wallboardTokens = sqliteTable("wallboard_tokens", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  label: text("label").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  createdBy: integer("created_by").references(() => users.id),
  createdAt: createdAt(),
  revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
});

export const DATA_TOPICS = ["org", "activity"] as const;

/**
 * A counter per kind of change, bumped by triggers (migration 0005) on every write to the tables
 * reports read: "org" for people, departments, curricula, enrolments and completions; "activity"
 * for lessons, quizzes and role-plays. A cached report stays valid while its counters do.
 */
export const dataVersions = sqliteTable("data_versions", {
  topic: text("topic", { enum: DATA_TOPICS }).primaryKey(),
  version: integer("version").notNull().default(0),
});

export const PASSWORD_LINK_PURPOSES = ["invite", "reset"] as const;

/**
 * One-time links to choose a password: invitations HR sends to people it created or imported, and
 * resets people ask for. Only a hash of the token is stored; a newer link replaces older ones.
 */
export const passwordLinks = sqliteTable(
  "password_links",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    purpose: text("purpose", { enum: PASSWORD_LINK_PURPOSES }).notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("password_links_user_idx").on(t.userId, t.createdAt)],
);

/**
 * Whose data changed, in order: a row per write to people, enrolments and completions (a null
 * person for departments), kept by triggers (migration 0007). The organisation report refreshes
 * only those people instead of re-reading everyone (app/models/org-facts.server.ts); old rows are
 * pruned.
 */
export const reportChanges = sqliteTable("report_changes", {
  seq: integer("seq").primaryKey({ autoIncrement: true }),
  userId: integer("user_id"),
});
