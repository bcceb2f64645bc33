import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { findCertificate } from "~/models/completion.server";
import { getCatalogue } from "~/models/content/store.server";
import { getOptionalUser } from "~/utils/auth.server";
import { formatDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Certificate · CareLearn" }, { name: "robots", content: "noindex" }];

/**
 * Public on purpose: anyone holding a code may check it, without signing in. The page shows only
 * what a paper certificate would: name, course, dates.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request);
  const code = (params.code ?? "").slice(0, 40);
  const certificate = /^CL-[A-Z0-9]{4}-[A-Z0-9]{4}$/i.test(code) ? findCertificate(getDb(), code) : null;
  if (!certificate) return data404(code, Boolean(viewer));
  const course = (await getCatalogue()).courseBySlug.get(certificate.courseSlug);
  const now = new Date();
  return {
    found: true as const,
    signedIn: Boolean(viewer),
    code: certificate.code,
    personName: certificate.personName,
    courseTitle: course?.meta.title ?? certificate.courseSlug,
    score: certificate.score,
    completedAt: certificate.completedAt,
    expiresAt: certificate.expiresAt,
    valid: !certificate.expiresAt || certificate.expiresAt > now,
  };
}

/** An unknown code is a 404, with a page that says so plainly. */
function data404(code: string, signedIn: boolean) {
  return data({ found: false as const, signedIn, code }, { status: 404 });
}

export default function CertificatePage() {
  const cert = useLoaderData<typeof loader>();
  if (!cert.found) {
    return (
      <section className="certificate-check narrow" aria-labelledby="verify">
        <p className="eyebrow">Certificate check</p>
        <h1 id="verify">Unknown certificate</h1>
        <p>
          No CareLearn certificate has the code <strong>{cert.code || "(empty)"}</strong>. Check the code for typing mistakes; codes look like
          CL-7K3M-Q9PX.
        </p>
      </section>
    );
  }
  return (
    <>
      <p className={`verify-banner no-print ${cert.valid ? "verify-valid" : "verify-expired"}`} role="status">
        {cert.valid ? "✓ Valid certificate" : "⚠ This certificate has expired"} · code {cert.code}
      </p>
      <article className="certificate" aria-label="Certificate of completion">
        <p className="certificate-brand">CareLearn</p>
        <p className="certificate-kicker">Certificate of completion</p>
        <p className="certificate-text">This certifies that</p>
        <p className="certificate-name">{cert.personName}</p>
        <p className="certificate-text">has completed the course</p>
        <p className="certificate-course">{cert.courseTitle}</p>
        <dl className="certificate-facts">
          <div>
            <dt>Completed</dt>
            <dd>{formatDate(cert.completedAt)}</dd>
          </div>
          <div>
            <dt>Score</dt>
            <dd>{cert.score}%</dd>
          </div>
          <div>
            <dt>{cert.valid ? "Valid until" : "Expired"}</dt>
            <dd>{cert.expiresAt ? formatDate(cert.expiresAt) : "No expiry"}</dd>
          </div>
          <div>
            <dt>Code</dt>
            <dd>{cert.code}</dd>
          </div>
        </dl>
        <p className="certificate-verify">Check this certificate at /certificates/{cert.code}</p>
      </article>
      <div className="row no-print certificate-actions">
        <button type="button" className="button" onClick={() => window.print()}>
          Print
        </button>
        {cert.signedIn ? (
          <Link to="/" className="button button-ghost">
            Back to CareLearn
          </Link>
        ) : null}
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
