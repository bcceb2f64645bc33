import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { RULE_TARGETS } from "~db/schema";
import { HrNav } from "~/components/hr-nav";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { useHydrated } from "~/components/use-hydrated";
import { getCatalogue } from "~/models/content/store.server";
import { listCurricula } from "~/models/curricula.server";
import { allDepartments } from "~/models/people.server";
import { createRule, listRules, removeRule } from "~/models/rules.server";
import { requireAccess } from "~/utils/auth.server";
import { formatDate, todayIso } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";
import { JOB_ROLES, jobRoleLabel } from "~/utils/job-roles";

export const meta: MetaFunction = () => [{ title: "Assignments · HR · CareLearn" }];

const ruleSchema = z.object({
  targetKind: z.enum(RULE_TARGETS, { error: "Choose who the rule is for" }),
  departmentId: z.coerce.number().int().positive().optional(),
  jobRole: z.enum(JOB_ROLES, { error: "Choose a job role from the list" }).optional(),
  managerEmail: z.string().trim().toLowerCase().max(320).optional(),
  peopleEmails: z.string().max(20_000, "List at most a few hundred people; use a department or a team for more").optional(),
  what: z.string({ error: "Choose a curriculum or a course" }).regex(/^(curriculum:\d+|course:[a-z0-9-]+)$/, "Choose a curriculum or a course"),
  dueDays: z.coerce.number({ error: "Enter how many days people have" }).int("Use whole days").min(1, "Give at least 1 day").max(730, "Use at most 730 days"),
  recertifyMonths: z.coerce.number().int("Use whole months").min(1, "Use at least 1 month").max(120, "Use at most 120 months").optional(),
  startsOn: z.iso.date({ error: "Enter the start date, like 2026-11-23" }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, "hr");
  const db = getDb();
  const catalogue = await getCatalogue();
  return {
    rules: listRules(db, catalogue),
    departments: allDepartments(db),
    curricula: listCurricula(db).filter((c) => !c.archivedAt).map((c) => ({ id: c.id, name: c.name })),
    courses: catalogue.courses.map((c) => ({ slug: c.slug, title: c.meta.title })),
    today: todayIso(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAccess(request, "hr");
  const form = await readForm(request);
  const db = getDb();
  if (form.get("intent") === "remove") {
    const id = Number(form.get("ruleId"));
    if (!Number.isInteger(id) || !removeRule(db, user.id, id)) return data({ errors: { form: "That rule does not exist or was already removed." } as Record<string, string> }, { status: 400 });
    return redirect("/hr/assignments?removed=1");
  }
  // Empty fields mean "not given".
  const fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string" && v.trim() !== ""));
  const parsed = ruleSchema.safeParse(fields);
  if (!parsed.success) {
    return data({ errors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "form"), i.message])) as Record<string, string> }, { status: 400 });
  }
  const { what, peopleEmails, ...rest } = parsed.data;
  const [kind, value] = what.split(":") as ["curriculum" | "course", string];
  const outcome = createRule(db, await getCatalogue(), user.id, {
    ...rest,
    peopleEmails: peopleEmails?.split(/[\s,;]+/).filter(Boolean),
    curriculumId: kind === "curriculum" ? Number(value) : undefined,
    courseSlug: kind === "course" ? value : undefined,
  });
  if (!outcome.ok) {
    return data({ errors: Object.fromEntries(outcome.problems.map((p) => [p.field === "curriculumId" || p.field === "courseSlug" ? "what" : p.field, p.message])) as Record<string, string> }, { status: 400 });
  }
  return redirect(`/hr/assignments?created=${outcome.sync.created + outcome.sync.updated}`);
}

const TARGET_LABELS = { everyone: "Everyone", department: "A department", job_role: "A job role", manager_team: "A manager's team (direct and indirect)", people: "Named people" } as const;

export default function Assignments() {
  const { rules, departments, curricula, courses, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? {};
  const [params] = useSearchParams();
  const [target, setTarget] = useState<keyof typeof TARGET_LABELS>("everyone");
  const hydrated = useHydrated();
  const error = (field: string) => (errors[field] ? <p className="field-error">{errors[field]}</p> : null);
  return (
    <>
      <HrNav />
      <div className="page-header">
        <div>
          <p className="eyebrow">HR</p>
          <h1>Assignment rules</h1>
          <p>Rules apply to everyone who matches now and to whoever matches later: new joiners, transfers, new team members.</p>
        </div>
      </div>
      {params.get("created") ? (
        <p className="notice" role="status">
          Rule added: {params.get("created")} assignment(s) made or updated.
        </p>
      ) : null}
      {params.get("removed") ? (
        <p className="notice" role="status">
          Rule removed. Completed training stays on record.
        </p>
      ) : null}
      {errors.form ? <p className="form-error">{errors.form}</p> : null}
      <div className="table-wrap responsive">
        <table>
          <thead>
            <tr>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Due</th>
              <th scope="col">Renew</th>
              <th scope="col" className="num">
                Enrolled now
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rules.length === 0 ? (
              <tr>
                <td colSpan={6} className="muted">
                  No rules yet.
                </td>
              </tr>
            ) : (
              rules.map((r) => (
                <tr key={r.id} className={r.removed ? "row-removed" : undefined}>
                  <td data-label="Who">{r.target}</td>
                  <td data-label="What">{r.what}</td>
                  <td data-label="Due">
                    {r.dueDays} days from {formatDate(r.startsOn)} or joining
                  </td>
                  <td data-label="Renew">{r.recertifyMonths ? `every ${r.recertifyMonths} months` : "—"}</td>
                  <td data-label="Enrolled now" className="num">
                    {r.removed ? "removed" : r.enrolled}
                  </td>
                  <td>
                    {r.removed ? null : (
                      <Form method="post">
                        <input type="hidden" name="ruleId" value={r.id} />
                        <button type="submit" name="intent" value="remove" className="button button-ghost button-small">
                          Remove
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <h2>New rule</h2>
      <Form method="post" className="form card">
        <input type="hidden" name="intent" value="create" />
        <div className="form-grid">
          <div className="field">
            <label htmlFor="targetKind">Who</label>
            <select id="targetKind" name="targetKind" value={target} onChange={(e) => setTarget(e.target.value as keyof typeof TARGET_LABELS)}>
              {Object.entries(TARGET_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
            {error("targetKind")}
          </div>
          {/* Without JavaScript every target field shows; the chosen kind decides which is used. */}
          <div className="field" hidden={hydrated && target !== "department" ? true : undefined}>
            <label htmlFor="departmentId">Department</label>
            <select id="departmentId" name="departmentId" defaultValue="">
              <option value="">Choose…</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
            {error("departmentId")}
          </div>
          <div className="field" hidden={hydrated && target !== "job_role" ? true : undefined}>
            <label htmlFor="jobRole">Job role</label>
            <select id="jobRole" name="jobRole" defaultValue="">
              <option value="">Choose…</option>
              {JOB_ROLES.map((r) => (
                <option key={r} value={r}>
                  {jobRoleLabel(r)}
                </option>
              ))}
            </select>
            {error("jobRole")}
          </div>
          <div className="field" hidden={hydrated && target !== "manager_team" ? true : undefined}>
            <label htmlFor="managerEmail">Manager's email</label>
            <input id="managerEmail" name="managerEmail" type="email" />
            {error("managerEmail")}
          </div>
          <div className="field" hidden={hydrated && target !== "people" ? true : undefined}>
            <label htmlFor="peopleEmails">People's emails</label>
            <textarea id="peopleEmails" name="peopleEmails" rows={3} placeholder="One per line, or separated by commas" />
            {error("peopleEmails")}
          </div>
          <div className="field">
            <label htmlFor="what">What</label>
            <select id="what" name="what" defaultValue="">
              <option value="">Choose…</option>
              <optgroup label="Curricula">
                {curricula.map((c) => (
                  <option key={c.id} value={`curriculum:${c.id}`}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
              <optgroup label="Single courses">
                {courses.map((c) => (
                  <option key={c.slug} value={`course:${c.slug}`}>
                    {c.title}
                  </option>
                ))}
              </optgroup>
            </select>
            {error("what")}
          </div>
          <div className="field">
            <label htmlFor="dueDays">Due in (days)</label>
            <input id="dueDays" name="dueDays" type="number" min={1} max={730} defaultValue={30} />
            {error("dueDays")}
          </div>
          <div className="field">
            <label htmlFor="recertifyMonths">Renew every (months, optional)</label>
            <input id="recertifyMonths" name="recertifyMonths" type="number" min={1} max={120} />
            {error("recertifyMonths")}
          </div>
          <div className="field">
            <label htmlFor="startsOn">Starting</label>
            <input id="startsOn" name="startsOn" type="date" defaultValue={today} />
            {error("startsOn")}
          </div>
        </div>
        <div>
          <button type="submit" className="button">
            Add rule and assign
          </button>
        </div>
      </Form>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
