import type { LoaderFunctionArgs } from "@remix-run/node";
import { lessonScript } from "~/models/content/lesson-code.server";
import { getCatalogue } from "~/models/content/store.server";
import { requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";

/** /lesson-code/<content hash>.js: content-addressed, so it can be cached for good. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const match = /^([a-f0-9]{64})\.js$/.exec(params.file ?? "");
  const script = match ? lessonScript(await getCatalogue(), match[1] as string) : null;
  if (!script) notFound("No such lesson code.");
  return new Response(script, {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "private, max-age=31536000, immutable" },
  });
}
