import { z } from "zod";
import type { Catalogue } from "./content/catalogue.server";
import type { CurriculumInput } from "./curricula.server";

const baseSchema = z.object({
  name: z.string({ error: "Name the curriculum" }).trim().min(3, "Name the curriculum (at least 3 characters)").max(80, "Keep the name under 80 characters"),
  description: z.string().trim().max(500, "Keep the description under 500 characters").default(""),
});

/**
 * Reads the curriculum form: a name, a description, ticked courses and each one's position.
 * Returns problems by field, or the courses in their chosen order.
 */
export function parseCurriculumForm(form: FormData, catalogue: Catalogue): { ok: true; value: CurriculumInput } | { ok: false; errors: Record<string, string> } {
  const base = baseSchema.safeParse({ name: form.get("name") ?? undefined, description: form.get("description") ?? undefined });
  const errors: Record<string, string> = {};
  if (!base.success) for (const issue of base.error.issues) errors[String(issue.path[0])] = issue.message;
  const chosen = form.getAll("courses").map(String);
  const unknown = chosen.filter((slug) => !catalogue.courseBySlug.has(slug));
  if (unknown.length) errors.courses = `Not in the catalogue: ${unknown.join(", ").slice(0, 200)}`;
  else if (chosen.length === 0) errors.courses = "Tick at least one course";
  else if (new Set(chosen).size !== chosen.length) errors.courses = "A course is ticked twice";
  const position = (slug: string) => {
    const value = Number(form.get(`order-${slug}`));
    return Number.isFinite(value) ? value : 999;
  };
  if (Object.keys(errors).length || !base.success) return { ok: false, errors };
  const courses = [...chosen].sort((a, b) => position(a) - position(b));
  return { ok: true, value: { ...base.data, courses } };
}
