import { ensureBuild } from "../../app/cli/build";

// `npm test` builds first; this covers `npx vitest` run on its own.
export default function setup() {
  ensureBuild();
}
