import type { MetaFunction } from "@remix-run/node";

// The benchmarks' baseline (tests/bench, decision 008): the smallest page this app serves, through
// everything every page goes through (Express, security headers, Remix, the root layout rendered
// by React) with no database and no session, as a signed-out visitor sees it. Public on purpose,
// like /healthz; it reveals nothing.
export const meta: MetaFunction = () => [{ title: "CareLearn" }];

export default function Baseline() {
  return <p>ok</p>;
}
