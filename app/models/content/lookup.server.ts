import { notFound } from "~/utils/http.server";
import type { Course, Lesson } from "./catalogue.server";
import { getCatalogue } from "./store.server";

/** The course at a URL's slug, or a 404 page that says so. */
export async function findCourseOr404(slug: string | undefined): Promise<Course> {
  const catalogue = await getCatalogue();
  return catalogue.courseBySlug.get(slug ?? "") ?? notFound("There is no course at this address. It may have been renamed or retired.");
}

export function findLessonOr404(course: Course, slug: string | undefined): Lesson {
  return course.lessons.find((l) => l.slug === slug) ?? notFound(`“${course.meta.title}” has no lesson at this address.`);
}
