import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { AppShell } from "~/components/app-shell";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { leaderboardModeForNavigation } from "~/models/leaderboard-settings.server";
import { getOptionalUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { useNonce } from "~/utils/nonce";
import stylesheet from "~/styles/app.css?url";

declare module "@remix-run/node" {
  interface AppLoadContext {
    nonce?: string;
    clientAddress?: string;
  }
}

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "CareLearn" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  return {
    user: user && {
      name: user.name,
      email: user.email,
      jobRole: user.jobRole,
      accessLevel: user.accessLevel,
      hasReports: user.hasReports,
      // HR can turn leaderboards off for everyone; then the link goes too.
      leaderboard: leaderboardModeForNavigation(getDb()) !== "off",
    },
  };
}

export type RootUser = NonNullable<Awaited<ReturnType<typeof loader>>["user"]>;

export function useRootUser(): RootUser | null {
  return useRouteLoaderData<typeof loader>("root")?.user ?? null;
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <AppShell>{children}</AppShell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export const ErrorBoundary = RouteErrorBoundary;
