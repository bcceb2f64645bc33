import { type CourseStatus, STATUS_LABELS } from "~/utils/course-status";

const TONES: Record<CourseStatus, string> = {
  "not-started": "",
  "in-progress": "badge-info",
  "due-soon": "badge-warning",
  overdue: "badge-danger",
  complete: "badge-success",
  "expiring-soon": "badge-warning",
  expired: "badge-danger",
};

export function CourseStatusBadge({ status }: { status: CourseStatus }) {
  return <span className={`badge ${TONES[status]}`}>{STATUS_LABELS[status]}</span>;
}

export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  return (
    <div className="progress" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} aria-label={label}>
      <span style={{ width: `${percent}%` }} />
    </div>
  );
}
