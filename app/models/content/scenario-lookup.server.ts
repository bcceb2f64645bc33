import { notFound } from "~/utils/http.server";
import type { ScenarioEntry } from "./catalogue.server";
import { getCatalogue } from "./store.server";

export async function findScenarioOr404(id: string | undefined): Promise<ScenarioEntry> {
  const catalogue = await getCatalogue();
  return catalogue.scenarios.get(id ?? "") ?? notFound("There is no role-play at this address.");
}
