CREATE TABLE `course_completions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`course_slug` text NOT NULL,
	`course_version` text NOT NULL,
	`score` integer NOT NULL,
	`completed_at` integer NOT NULL,
	`expires_at` integer,
	`certificate_code` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `course_completions_certificate_code_unique` ON `course_completions` (`certificate_code`);--> statement-breakpoint
CREATE INDEX `course_completions_user_course_idx` ON `course_completions` (`user_id`,`course_slug`,`completed_at`);--> statement-breakpoint
CREATE INDEX `course_completions_course_idx` ON `course_completions` (`course_slug`,`completed_at`);--> statement-breakpoint
CREATE TABLE `lesson_progress` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`course_slug` text NOT NULL,
	`lesson_slug` text NOT NULL,
	`started_at` integer NOT NULL,
	`completed_at` integer,
	`seconds_spent` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lesson_progress_user_lesson_unique` ON `lesson_progress` (`user_id`,`course_slug`,`lesson_slug`);--> statement-breakpoint
CREATE INDEX `lesson_progress_course_idx` ON `lesson_progress` (`course_slug`,`completed_at`);--> statement-breakpoint
CREATE INDEX `lesson_progress_updated_idx` ON `lesson_progress` (`user_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `quiz_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`course_slug` text NOT NULL,
	`quiz_id` text NOT NULL,
	`course_version` text NOT NULL,
	`answers` text NOT NULL,
	`correct_count` integer NOT NULL,
	`question_count` integer NOT NULL,
	`score` integer NOT NULL,
	`passed` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quiz_attempts_user_quiz_idx` ON `quiz_attempts` (`user_id`,`course_slug`,`quiz_id`);--> statement-breakpoint
CREATE TABLE `scenario_choices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`step` integer NOT NULL,
	`node_id` text NOT NULL,
	`choice_id` text NOT NULL,
	`mood_before` text NOT NULL,
	`mood_after` text NOT NULL,
	`chosen_at` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `scenario_runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scenario_choices_run_step_unique` ON `scenario_choices` (`run_id`,`step`);--> statement-breakpoint
CREATE INDEX `scenario_choices_node_idx` ON `scenario_choices` (`node_id`,`choice_id`);--> statement-breakpoint
CREATE TABLE `scenario_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`scenario_id` text NOT NULL,
	`course_slug` text NOT NULL,
	`scenario_version` text NOT NULL,
	`status` text DEFAULT 'in_progress' NOT NULL,
	`current_node_id` text NOT NULL,
	`mood` text NOT NULL,
	`totals` text NOT NULL,
	`score` real,
	`passed` integer,
	`ending_id` text,
	`outcome` text,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scenario_runs_user_idx` ON `scenario_runs` (`user_id`,`scenario_id`,`status`);--> statement-breakpoint
CREATE INDEX `scenario_runs_scenario_idx` ON `scenario_runs` (`scenario_id`,`status`);