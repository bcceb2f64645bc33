import { type Cookie, createCookie, data, redirect } from "@remix-run/node";
import { findSessionUser, type SessionUser, SESSION_LIFETIME_MS } from "~/models/session.server";
import { sessionSecret } from "~/models/settings.server";
import { getDb } from "./db.server";
import { memoForRequest } from "./request-memo.server";
import { env } from "./env.server";

export type CurrentUser = SessionUser;

const ACCESS_RANK = { learner: 0, manager: 1, hr: 2, admin: 3 } as const;
export type AccessLevel = keyof typeof ACCESS_RANK;

let cookie: Cookie | undefined;
function sessionCookie(): Cookie {
  cookie ??= createCookie("carelearn_session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: SESSION_LIFETIME_MS / 1000,
    secrets: [sessionSecret(getDb(), env().SESSION_SECRET)],
  });
  return cookie;
}

function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

export async function readSessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export function commitSessionCookie(request: Request, token: string): Promise<string> {
  return sessionCookie().serialize(token, { secure: isHttps(request) });
}

export function clearSessionCookie(request: Request): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0, secure: isHttps(request) });
}

/** The signed-in person, or null. For pages that anyone may see (login, certificates). */
export async function getOptionalUser(request: Request): Promise<CurrentUser | null> {
  const token = await readSessionToken(request);
  if (!token) return null;
  // The root loader and the page's loader both ask. A form post's action may change who is
  // signed in or their details, so only reads share the answer.
  if (request.method !== "GET" && request.method !== "HEAD") return lookUpUser(token);
  return memoForRequest(`user:${token}`, () => lookUpUser(token));
}

function lookUpUser(token: string): CurrentUser | null {
  return findSessionUser(getDb(), token) ?? null;
}

/** A path on this site to come back to after signing in; anything else becomes "/". */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return "/";
  return to;
}

/** Every protected loader and action starts here: signed in, or off to /login and back. */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getOptionalUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
}

export function hasAccess(user: Pick<CurrentUser, "accessLevel">, level: AccessLevel): boolean {
  return ACCESS_RANK[user.accessLevel] >= ACCESS_RANK[level];
}

export function forbidden(message = "You do not have access to this page."): never {
  throw data({ message }, { status: 403 });
}

/** Signed in with at least the given access level, otherwise a 403 page (never the data). */
export async function requireAccess(request: Request, level: AccessLevel): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!hasAccess(user, level)) forbidden();
  return user;
}

/** Managers (anyone with reports) and HR. */
export async function requireManager(request: Request): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!user.hasReports && !hasAccess(user, "hr")) forbidden("This page is for people who manage a team.");
  return user;
}
