import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  index,
  integer,
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
