import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCatalogue } from "~/models/content/store.server";
import { csvResponse, toCsv } from "~/models/csv.server";
import { transcriptFor } from "~/models/transcript-access.server";
import { transcriptRows } from "~/models/transcript.server";
import { requireManager } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireManager(request);
  const t = transcriptFor(getDb(), await getCatalogue(), viewer, params.userId);
  const csv = toCsv(
    ["type", "course", "item", "date", "score", "result", "details"].map((key) => ({ key: key as "type", header: key })),
    transcriptRows(t),
  );
  return csvResponse(`transcript-${t.person.email.split("@")[0]}.csv`, csv);
}
