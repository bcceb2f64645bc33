/**
 * The one place a person's status on a course is decided; the home page, the team and HR
 * reports and every export call this.
 */
import type { CourseStatus } from "~/utils/course-status";
import { DAY_MS } from "~/utils/dates";

export type { CourseStatus } from "~/utils/course-status";

export const DUE_SOON_DAYS = 14;
export const EXPIRING_SOON_DAYS = 30;

export type StatusInput = {
  now: Date;
  /** The latest completion, if any. */
  completion: { completedAt: Date; expiresAt: Date | null } | null;
  hasActivity: boolean;
  /** When the course is assigned with a due date (assignments arrive with the HR issue). */
  dueAt?: Date | null;
};

export function courseStatus({ now, completion, hasActivity, dueAt }: StatusInput): CourseStatus {
  if (completion) {
    if (!completion.expiresAt) return "complete";
    const left = completion.expiresAt.getTime() - now.getTime();
    if (left <= 0) return "expired";
    return left <= EXPIRING_SOON_DAYS * DAY_MS ? "expiring-soon" : "complete";
  }
  if (dueAt) {
    const left = dueAt.getTime() - now.getTime();
    if (left < 0) return "overdue";
    if (left <= DUE_SOON_DAYS * DAY_MS) return "due-soon";
  }
  return hasActivity ? "in-progress" : "not-started";
}
