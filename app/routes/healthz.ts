import { checkDatabaseHealth } from "~/models/health.server";
import { getDb } from "~/utils/db.server";

// Public on purpose: load balancers and uptime checks call it without a session.
export function loader() {
  const healthy = (() => {
    try {
      return checkDatabaseHealth(getDb());
    } catch {
      return false;
    }
  })();
  return Response.json(healthy ? { status: "ok" } : { status: "unavailable" }, {
    status: healthy ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
