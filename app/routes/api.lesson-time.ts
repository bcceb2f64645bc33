import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getCatalogue } from "~/models/content/store.server";
import { addLessonTime } from "~/models/progress.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";

const timeSchema = z.object({
  course: z.string().max(100),
  lesson: z.string().max(100),
  seconds: z.coerce.number().int().min(1).max(3600),
});

/** Receives the reading time a lesson page reports when it is left (navigator.sendBeacon). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = timeSchema.safeParse(Object.fromEntries(await readForm(request)));
  // A resource route: plain Responses, so the status reaches the client as written.
  if (!parsed.success) return Response.json({ error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") }, { status: 400 });
  const course = (await getCatalogue()).courseBySlug.get(parsed.data.course);
  if (!course?.lessons.some((l) => l.slug === parsed.data.lesson)) return Response.json({ error: "no such lesson" }, { status: 404 });
  addLessonTime(getDb(), user.id, course.slug, parsed.data.lesson, parsed.data.seconds);
  return new Response(null, { status: 204 });
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return Response.json({ error: "This address only receives reading time from lesson pages." }, { status: 405 });
}
