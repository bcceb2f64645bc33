import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { HrNav } from "~/components/hr-nav";
import { formatPoints } from "~/components/leaderboard";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { changeLeaderboardSettings, leaderboardSettings, ledgerStats } from "~/models/leaderboard-admin.server";
import { clearLeaderboardCache } from "~/models/leaderboard.server";
import { recountLeaderboard } from "~/models/leaderboard-points.server";
import { publishDueWeeks } from "~/models/leaderboard-snapshots.server";
import { createWallboardToken, listWallboardTokens, revokeWallboardToken } from "~/models/wallboard.server";
import { requireAccess } from "~/utils/auth.server";
import { formatDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";
import { LEADERBOARD_MODES } from "~/utils/leaderboard-modes";
import { isTimeZone, timeZoneNames } from "~/utils/time-zone";

export const meta: MetaFunction = () => [{ title: "Leaderboard · HR · CareLearn" }];

const MODE_LABELS = {
  on: "On: people and team boards",
  teams: "Teams only: no individual boards anywhere",
  off: "Off: no leaderboards, no link, no wallboards",
} as const;

const settingsSchema = z.object({
  mode: z.enum(LEADERBOARD_MODES, { error: "Choose whether leaderboards are on, teams only or off" }),
  timeZone: z.string({ error: "Choose a time zone" }).max(64, "Choose a time zone from the list").refine(isTimeZone, "Choose a time zone from the list"),
});
const tokenSchema = z.object({
  label: z.string({ error: "Name the screen, like “Depot canteen”" }).trim().min(2, "Name the screen, like “Depot canteen”").max(80, "Use at most 80 characters"),
});
const revokeSchema = z.object({ tokenId: z.coerce.number({ error: "Choose a wallboard link" }).int().positive() });
const INTENTS = ["settings", "publish", "create-token", "revoke-token", "recount"] as const;
const intentSchema = z.enum(INTENTS, { error: "That is not something this page can do." });

type Errors = Record<string, string>;

/** One value per field: a duplicated field is a malformed form, not a choice. */
function single(form: FormData, names: string[]): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const name of names) {
    const values = form.getAll(name);
    if (values.length > 1 || values.some((v) => typeof v !== "string")) return null;
    if (values.length === 1) out[name] = values[0] as string;
  }
  return out;
}

const firstErrors = (issues: z.core.$ZodIssue[]): Errors => Object.fromEntries(issues.map((i) => [String(i.path[0] ?? "form"), i.message]));

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, "hr");
  const db = getDb();
  const origin = new URL(request.url).origin;
  return { settings: leaderboardSettings(db), zones: timeZoneNames(), tokens: listWallboardTokens(db), stats: ledgerStats(db), origin };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAccess(request, "hr");
  const form = await readForm(request);
  const fields = single(form, ["intent", "mode", "timeZone", "label", "tokenId"]);
  if (!fields) return data({ errors: { form: "Each field may be sent once." } as Errors, created: null }, { status: 400 });
  const intent = intentSchema.safeParse(fields.intent);
  if (!intent.success) return data({ errors: { form: "That is not something this page can do." } as Errors, created: null }, { status: 400 });
  const db = getDb();
  switch (intent.data) {
    case "settings": {
      const parsed = settingsSchema.safeParse(fields);
      if (!parsed.success) return data({ errors: firstErrors(parsed.error.issues), created: null }, { status: 400 });
      const outcome = changeLeaderboardSettings(db, user.id, parsed.data);
      return redirect(`/hr/leaderboard?saved=${outcome.recounted ? "recounted" : outcome.changed ? "1" : "unchanged"}`);
    }
    case "publish": {
      const weeks = publishDueWeeks(db, new Date(), { force: true });
      return redirect(`/hr/leaderboard?published=${weeks.length}`);
    }
    case "recount": {
      const { added } = recountLeaderboard(db);
      clearLeaderboardCache();
      return redirect(`/hr/leaderboard?recounted=${added}`);
    }
    case "create-token": {
      const parsed = tokenSchema.safeParse(fields);
      if (!parsed.success) return data({ errors: firstErrors(parsed.error.issues), created: null }, { status: 400 });
      const { token } = createWallboardToken(db, user.id, parsed.data.label);
      // Shown once: only its hash is kept, so it cannot be shown again later.
      return data({ errors: {} as Errors, created: { label: parsed.data.label, path: `/wallboard/${token}` } });
    }
    case "revoke-token": {
      const parsed = revokeSchema.safeParse(fields);
      if (!parsed.success || !revokeWallboardToken(db, user.id, parsed.data.tokenId)) {
        return data({ errors: { tokens: "That wallboard link does not exist or was already revoked." } as Errors, created: null }, { status: 400 });
      }
      return redirect("/hr/leaderboard?revoked=1");
    }
  }
}

export default function HrLeaderboard() {
  const { settings, zones, tokens, stats, origin } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Errors = actionData?.errors ?? {};
  const [params] = useSearchParams();
  const error = (field: string) => (errors[field] ? <p className="field-error">{errors[field]}</p> : null);
  const saved = params.get("saved");
  return (
    <>
      <HrNav />
      <div className="page-header">
        <div>
          <p className="eyebrow">HR</p>
          <h1>Leaderboard</h1>
          <p>
            {stats.outcomes} outcomes have scored {formatPoints(stats.points)} points for {stats.people} people; {stats.snapshots} weeks published
            {stats.latestWeek ? `, the latest beginning ${formatDate(stats.latestWeek)}` : ""}.
          </p>
        </div>
        <Link to="/leaderboard" className="button button-secondary">
          Open the leaderboard
        </Link>
      </div>
      {saved ? (
        <p className="notice" role="status">
          {saved === "unchanged" ? "Nothing changed." : saved === "recounted" ? "Saved. Every period was recounted in the new time zone; published weeks stay as they were." : "Saved."}
        </p>
      ) : null}
      {params.get("published") !== null ? (
        <p className="notice" role="status">
          {params.get("published") === "0" ? "Every week that has ended is already published." : `Published ${params.get("published")} week(s).`}
        </p>
      ) : null}
      {params.get("recounted") !== null ? (
        <p className="notice" role="status">
          Recounted: {params.get("recounted")} outcome(s) found that had not scored.
        </p>
      ) : null}
      {params.get("revoked") ? (
        <p className="notice" role="status">
          Wallboard link revoked: that screen now shows “not found”.
        </p>
      ) : null}
      {errors.form ? <p className="form-error">{errors.form}</p> : null}

      <div className="report-grid">
        <section className="card" aria-labelledby="settings">
          <h2 id="settings">Settings</h2>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="settings" />
            <fieldset className="lb-visibility">
              <legend>Leaderboards</legend>
              {LEADERBOARD_MODES.map((m) => (
                <label key={m} className="option">
                  <input type="radio" name="mode" value={m} defaultChecked={settings.mode === m} />
                  <span>{MODE_LABELS[m]}</span>
                </label>
              ))}
              {error("mode")}
            </fieldset>
            <div className="field">
              <label htmlFor="timeZone">The organisation's time zone</label>
              <select id="timeZone" name="timeZone" defaultValue={settings.timeZone}>
                {zones.map((z) => (
                  <option key={z} value={z}>
                    {z}
                  </option>
                ))}
              </select>
              <small className="muted">Weeks, months and quarters start at midnight here. Changing it recounts the current periods; published weeks never change.</small>
              {error("timeZone")}
            </div>
            <div>
              <button type="submit" className="button">
                Save settings
              </button>
            </div>
          </Form>
        </section>

        <section className="card" aria-labelledby="publishing">
          <h2 id="publishing">Publishing</h2>
          <p>
            Each week's boards are frozen and published when the week ends (Monday 00:00, {settings.timeZone}), with who moved up and down, and kept in{" "}
            <Link to="/leaderboard/history">past weeks</Link>. It happens by itself within the hour; you can do it now.
          </p>
          <Form method="post" className="row">
            <button type="submit" name="intent" value="publish" className="button button-secondary">
              Publish ended weeks now
            </button>
          </Form>
          <p className="muted">
            After loading records in bulk (outside CareLearn's own pages), recount to score outcomes the ledger has not seen. Nothing scores twice.
          </p>
          <Form method="post" className="row">
            <button type="submit" name="intent" value="recount" className="button button-ghost">
              Recount from the records
            </button>
          </Form>
        </section>
      </div>

      <h2 id="wallboards">Wallboards</h2>
      <p>A wallboard link shows this week's boards on an office screen without signing in, refreshing itself every minute. Anyone with the link can see it: revoke a link you no longer use.</p>
      {actionData?.created ? (
        <div className="notice lb-token" role="status">
          <p>
            <strong>Link for “{actionData.created.label}”</strong>. Copy it now: it is not shown again.
          </p>
          <p>
            <a href={actionData.created.path} className="lb-token-url">
              {origin}
              {actionData.created.path}
            </a>
          </p>
        </div>
      ) : null}
      {errors.tokens ? <p className="form-error">{errors.tokens}</p> : null}
      <div className="table-wrap responsive">
        <table>
          <thead>
            <tr>
              <th scope="col">Screen</th>
              <th scope="col">Created</th>
              <th scope="col">Last shown</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.length === 0 ? (
              <tr>
                <td colSpan={5} className="muted">
                  No wallboard links yet.
                </td>
              </tr>
            ) : (
              tokens.map((t) => (
                <tr key={t.id} className={t.revokedAt ? "row-removed" : undefined}>
                  <td data-label="Screen">{t.label}</td>
                  <td data-label="Created">
                    {formatDate(t.createdAt)}
                    {t.createdBy ? ` by ${t.createdBy}` : ""}
                  </td>
                  <td data-label="Last shown">{t.lastUsedAt ? formatDate(t.lastUsedAt) : "never"}</td>
                  <td data-label="Status">{t.revokedAt ? <span className="badge">revoked {formatDate(t.revokedAt)}</span> : <span className="badge badge-success">live</span>}</td>
                  <td>
                    {t.revokedAt ? null : (
                      <Form method="post">
                        <input type="hidden" name="tokenId" value={t.id} />
                        <button type="submit" name="intent" value="revoke-token" className="button button-ghost button-small">
                          Revoke
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
      <Form method="post" className="form card lb-new-token">
        <input type="hidden" name="intent" value="create-token" />
        <div className="field">
          <label htmlFor="label">New wallboard link for</label>
          <input id="label" name="label" type="text" maxLength={80} placeholder="Depot canteen screen" aria-invalid={errors.label ? true : undefined} />
          {error("label")}
        </div>
        <div>
          <button type="submit" className="button">
            Create link
          </button>
        </div>
      </Form>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
