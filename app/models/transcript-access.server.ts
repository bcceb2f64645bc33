import type { CurrentUser } from "~/utils/auth.server";
import type { Db } from "~/utils/db.server";
import { isNumericString, notFound } from "~/utils/http.server";
import type { Catalogue } from "./content/catalogue.server";
import { canSeePerson } from "./team.server";
import { transcript } from "./transcript.server";

/**
 * A person's transcript for a viewer allowed to see it. Anyone outside the viewer's reporting
 * line is "not found": a manager cannot even learn whether an id exists.
 */
export function transcriptFor(db: Db, catalogue: Catalogue, viewer: CurrentUser, rawId: string | undefined) {
  const id = rawId && isNumericString(rawId) ? Number(rawId) : null;
  if (id === null || !canSeePerson(db, viewer, id)) notFound("There is no one in your team at this address.");
  return transcript(db, catalogue, id) ?? notFound("There is no one in your team at this address.");
}
