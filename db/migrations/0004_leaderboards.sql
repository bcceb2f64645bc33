CREATE TABLE `leaderboard_points` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`outcome_key` text NOT NULL,
	`course_slug` text NOT NULL,
	`scenario_id` text,
	`source_id` integer NOT NULL,
	`points` integer NOT NULL,
	`earned_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leaderboard_points_outcome_unique` ON `leaderboard_points` (`user_id`,`outcome_key`);--> statement-breakpoint
CREATE INDEX `leaderboard_points_earned_idx` ON `leaderboard_points` (`earned_at`);--> statement-breakpoint
CREATE TABLE `leaderboard_snapshot_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`snapshot_id` integer NOT NULL,
	`board` text NOT NULL,
	`subject_id` integer NOT NULL,
	`rank` integer NOT NULL,
	`previous_rank` integer,
	`movement` text NOT NULL,
	`points` real NOT NULL,
	`total` integer NOT NULL,
	`members` integer NOT NULL,
	`label` text,
	`job_role` text,
	`visibility` text,
	FOREIGN KEY (`snapshot_id`) REFERENCES `leaderboard_snapshots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leaderboard_snapshot_entries_unique` ON `leaderboard_snapshot_entries` (`snapshot_id`,`board`,`subject_id`);--> statement-breakpoint
CREATE INDEX `leaderboard_snapshot_entries_rank_idx` ON `leaderboard_snapshot_entries` (`snapshot_id`,`board`,`rank`);--> statement-breakpoint
CREATE TABLE `leaderboard_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`week_start` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`time_zone` text NOT NULL,
	`individuals` integer NOT NULL,
	`published_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leaderboard_snapshots_week_start_unique` ON `leaderboard_snapshots` (`week_start`);--> statement-breakpoint
CREATE TABLE `leaderboard_totals` (
	`period` text NOT NULL,
	`user_id` integer NOT NULL,
	`points` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leaderboard_totals_period_user_unique` ON `leaderboard_totals` (`period`,`user_id`);--> statement-breakpoint
CREATE INDEX `leaderboard_totals_rank_idx` ON `leaderboard_totals` (`period`,`points`);--> statement-breakpoint
CREATE TABLE `wallboard_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`label` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`revoked_at` integer,
	`last_used_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wallboard_tokens_token_hash_unique` ON `wallboard_tokens` (`token_hash`);--> statement-breakpoint
-- Published boards never change: the database itself refuses edits and deletions.
CREATE TRIGGER `leaderboard_snapshots_frozen_update` BEFORE UPDATE ON `leaderboard_snapshots` BEGIN SELECT RAISE(ABORT, 'published leaderboards never change'); END;--> statement-breakpoint
CREATE TRIGGER `leaderboard_snapshots_frozen_delete` BEFORE DELETE ON `leaderboard_snapshots` BEGIN SELECT RAISE(ABORT, 'published leaderboards never change'); END;--> statement-breakpoint
CREATE TRIGGER `leaderboard_snapshot_entries_frozen_update` BEFORE UPDATE ON `leaderboard_snapshot_entries` BEGIN SELECT RAISE(ABORT, 'published leaderboards never change'); END;--> statement-breakpoint
CREATE TRIGGER `leaderboard_snapshot_entries_frozen_delete` BEFORE DELETE ON `leaderboard_snapshot_entries` BEGIN SELECT RAISE(ABORT, 'published leaderboards never change'); END;
