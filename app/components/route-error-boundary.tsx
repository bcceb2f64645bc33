import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

function describe(error: unknown): { status: number; title: string; message: string } {
  if (isRouteErrorResponse(error)) {
    const detail = typeof error.data === "object" && error.data && "message" in error.data ? String(error.data.message) : null;
    if (error.status === 404)
      return { status: 404, title: "We could not find that page", message: detail ?? "The address may be mistyped, or the page has moved." };
    if (error.status === 403)
      return { status: 403, title: "This page is not open to you", message: detail ?? "You do not have access to this page." };
    return { status: error.status, title: "That did not work", message: detail ?? error.statusText };
  }
  return {
    status: 500,
    title: "Something went wrong on our side",
    message: "The problem has been logged. Nothing you did was lost; please try again in a moment.",
  };
}

/** The error page used by every route: says what happened in plain words and offers a way on. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const { status, title, message } = describe(error);
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-code">{status}</p>
      <h1 id="error-title">{title}</h1>
      <p>{message}</p>
      <p>
        <Link to="/" className="button">
          Go to your home page
        </Link>
      </p>
    </section>
  );
}
