import fs from "node:fs";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { findCourseOr404 } from "~/models/content/lookup.server";
import { requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";

const TYPES: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".svg": "image/svg+xml",
};

/** A course's images. Only plain file names inside its images/ folder; never a path. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const course = await findCourseOr404(params.course);
  const file = params.file ?? "";
  const type = TYPES[path.extname(file).toLowerCase()];
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(file) || !type) notFound("No such image.");
  const full = path.join(course.dir, "images", file);
  if (!fs.existsSync(full)) notFound("No such image.");
  return new Response(fs.readFileSync(full), {
    headers: {
      "Content-Type": type,
      "Cache-Control": "private, max-age=3600",
      // An author's SVG is shown as an image, never run as a document.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
}
