// Shared by the server and the browser: the statuses and the words for them.
export type CourseStatus = "not-started" | "in-progress" | "due-soon" | "overdue" | "complete" | "expiring-soon" | "expired";

export const STATUS_LABELS: Record<CourseStatus, string> = {
  "not-started": "Not started",
  "in-progress": "In progress",
  "due-soon": "Due soon",
  overdue: "Overdue",
  complete: "Complete",
  "expiring-soon": "Expiring soon",
  expired: "Expired",
};
