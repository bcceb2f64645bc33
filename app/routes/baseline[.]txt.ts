// A benchmark reference (tests/bench): a tiny response through the HTTP stack alone (Express,
// security headers, Remix's request handler) with no database, no session and no page. It shows
// what the framework costs before React renders anything. Public on purpose, like /healthz.
export function loader() {
  return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
