import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { revokeSession } from "~/models/session.server";
import { clearSessionCookie, readSessionToken } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

// Signing out changes state, so only POST does it; a GET (a prefetch, a crawler) just goes home.
export async function loader({ request }: LoaderFunctionArgs) {
  await readSessionToken(request);
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const token = await readSessionToken(request);
  if (token) revokeSession(getDb(), token);
  return redirect("/login", { headers: { "Set-Cookie": await clearSessionCookie(request) } });
}
