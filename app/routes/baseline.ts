// The benchmarks' ceiling (tests/bench): a tiny response through the whole HTTP stack (Express,
// security headers, Remix's request handler) with no database, no session and no rendering.
// Public on purpose, like /healthz; it reveals nothing.
export function loader() {
  return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
