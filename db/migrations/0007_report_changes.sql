CREATE TABLE `report_changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer
);
--> statement-breakpoint
CREATE TRIGGER `users_insert_logs_change` AFTER INSERT ON `users` BEGIN INSERT INTO `report_changes` (`user_id`) VALUES (new.`id`); END;
--> statement-breakpoint
CREATE TRIGGER `users_update_logs_change` AFTER UPDATE ON `users` BEGIN INSERT INTO `report_changes` (`user_id`) VALUES (new.`id`); END;
--> statement-breakpoint
CREATE TRIGGER `users_delete_logs_change` AFTER DELETE ON `users` BEGIN INSERT INTO `report_changes` (`user_id`) VALUES (old.`id`); END;
--> statement-breakpoint
CREATE TRIGGER `enrolments_insert_logs_change` AFTER INSERT ON `enrolments` BEGIN INSERT INTO `report_changes` (`user_id`) VALUES (new.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `enrolments_update_logs_change` AFTER UPDATE ON `enrolments` BEGIN INSERT INTO `report_changes` (`user_id`) VALUES (new.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `enrolments_delete_logs_change` AFTER DELETE ON `enrolments` BEGIN INSERT INTO `report_changes` (`user_id`) VALUES (old.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `course_completions_insert_logs_change` AFTER INSERT ON `course_completions` BEGIN INSERT INTO `report_changes` (`user_id`) VALUES (new.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `course_completions_update_logs_change` AFTER UPDATE ON `course_completions` BEGIN INSERT INTO `report_changes` (`user_id`) VALUES (new.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `course_completions_delete_logs_change` AFTER DELETE ON `course_completions` BEGIN INSERT INTO `report_changes` (`user_id`) VALUES (old.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `departments_insert_logs_change` AFTER INSERT ON `departments` BEGIN INSERT INTO `report_changes` (`user_id`) VALUES (NULL); END;
--> statement-breakpoint
CREATE TRIGGER `departments_update_logs_change` AFTER UPDATE ON `departments` BEGIN INSERT INTO `report_changes` (`user_id`) VALUES (NULL); END;
--> statement-breakpoint
CREATE TRIGGER `departments_delete_logs_change` AFTER DELETE ON `departments` BEGIN INSERT INTO `report_changes` (`user_id`) VALUES (NULL); END;
