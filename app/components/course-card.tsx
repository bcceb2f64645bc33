import { Link } from "@remix-run/react";
import type { CourseStatus } from "~/utils/course-status";
import { formatDate } from "~/utils/dates";
import { CourseStatusBadge, ProgressBar } from "./course-status-badge";

export type CourseCardData = {
  slug: string;
  title: string;
  summary: string;
  estimatedMinutes: number;
  forYourRole: boolean;
  dueOn: string | null;
  percent: number;
  status: CourseStatus;
  certificateCode: string | null;
  nextLesson: { slug: string; title: string } | null;
};

function callToAction(course: CourseCardData): { label: string; to: string } {
  if (course.certificateCode && course.status !== "expired") return { label: "Review", to: `/courses/${course.slug}` };
  if (course.percent === 0) return { label: "Start", to: `/courses/${course.slug}` };
  return { label: "Continue", to: course.nextLesson ? `/courses/${course.slug}/${course.nextLesson.slug}` : `/courses/${course.slug}` };
}

export function CourseCard({ course }: { course: CourseCardData }) {
  const action = callToAction(course);
  return (
    <article className="card course-card">
      <div className="row">
        {course.dueOn ? (
          <span className={`badge ${course.status === "overdue" ? "badge-danger" : "badge-info"}`}>Assigned · due {formatDate(course.dueOn)}</span>
        ) : course.forYourRole ? (
          <span className="badge badge-info">For your role</span>
        ) : (
          <span className="badge">Optional</span>
        )}
        <CourseStatusBadge status={course.status} />
      </div>
      <h3>
        <Link to={`/courses/${course.slug}`}>{course.title}</Link>
      </h3>
      <p className="muted course-summary">{course.summary}</p>
      <div className="course-card-foot">
        <ProgressBar percent={course.percent} label={`${course.title}: ${course.percent}% done`} />
        <div className="row course-card-meta">
          <span className="muted">
            {course.percent}% · about {course.estimatedMinutes} min
          </span>
          <Link to={action.to} className="button button-small">
            {action.label}
          </Link>
        </div>
      </div>
    </article>
  );
}
