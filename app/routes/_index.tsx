import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { requireUser } from "~/utils/auth.server";
import { jobRoleLabel } from "~/utils/job-roles";

export const meta: MetaFunction = () => [{ title: "Home · CareLearn" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { name: user.name, jobRole: user.jobRole };
}

export default function Home() {
  const { name, jobRole } = useLoaderData<typeof loader>();
  return (
    <div className="page-header">
      <div>
        <p className="eyebrow">{jobRoleLabel(jobRole)}</p>
        <h1>Welcome, {name.split(" ")[0]}</h1>
        <p>Everyone here is a customer-care agent. Pick up where you left off.</p>
      </div>
      <Link to="/courses" className="button">
        Browse courses
      </Link>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
