CREATE TABLE `data_versions` (
	`topic` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO `data_versions` (`topic`, `version`) VALUES ('org', 0), ('activity', 0);
--> statement-breakpoint
CREATE TRIGGER `users_insert_bumps_org` AFTER INSERT ON `users` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `users_update_bumps_org` AFTER UPDATE ON `users` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `users_delete_bumps_org` AFTER DELETE ON `users` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `departments_insert_bumps_org` AFTER INSERT ON `departments` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `departments_update_bumps_org` AFTER UPDATE ON `departments` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `departments_delete_bumps_org` AFTER DELETE ON `departments` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `curricula_insert_bumps_org` AFTER INSERT ON `curricula` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `curricula_update_bumps_org` AFTER UPDATE ON `curricula` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `curricula_delete_bumps_org` AFTER DELETE ON `curricula` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `curriculum_courses_insert_bumps_org` AFTER INSERT ON `curriculum_courses` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `curriculum_courses_update_bumps_org` AFTER UPDATE ON `curriculum_courses` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `curriculum_courses_delete_bumps_org` AFTER DELETE ON `curriculum_courses` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `enrolments_insert_bumps_org` AFTER INSERT ON `enrolments` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `enrolments_update_bumps_org` AFTER UPDATE ON `enrolments` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `enrolments_delete_bumps_org` AFTER DELETE ON `enrolments` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `course_completions_insert_bumps_org` AFTER INSERT ON `course_completions` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `course_completions_update_bumps_org` AFTER UPDATE ON `course_completions` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `course_completions_delete_bumps_org` AFTER DELETE ON `course_completions` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'org'; END;
--> statement-breakpoint
CREATE TRIGGER `lesson_progress_insert_bumps_activity` AFTER INSERT ON `lesson_progress` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'activity'; END;
--> statement-breakpoint
CREATE TRIGGER `lesson_progress_update_bumps_activity` AFTER UPDATE ON `lesson_progress` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'activity'; END;
--> statement-breakpoint
CREATE TRIGGER `lesson_progress_delete_bumps_activity` AFTER DELETE ON `lesson_progress` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'activity'; END;
--> statement-breakpoint
CREATE TRIGGER `quiz_attempts_insert_bumps_activity` AFTER INSERT ON `quiz_attempts` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'activity'; END;
--> statement-breakpoint
CREATE TRIGGER `quiz_attempts_update_bumps_activity` AFTER UPDATE ON `quiz_attempts` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'activity'; END;
--> statement-breakpoint
CREATE TRIGGER `quiz_attempts_delete_bumps_activity` AFTER DELETE ON `quiz_attempts` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'activity'; END;
--> statement-breakpoint
CREATE TRIGGER `scenario_runs_insert_bumps_activity` AFTER INSERT ON `scenario_runs` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'activity'; END;
--> statement-breakpoint
CREATE TRIGGER `scenario_runs_update_bumps_activity` AFTER UPDATE ON `scenario_runs` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'activity'; END;
--> statement-breakpoint
CREATE TRIGGER `scenario_runs_delete_bumps_activity` AFTER DELETE ON `scenario_runs` BEGIN UPDATE `data_versions` SET `version` = `version` + 1 WHERE `topic` = 'activity'; END;
