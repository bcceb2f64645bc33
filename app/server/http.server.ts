import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { bodyLimit, sameOriginOnly, securityHeaders } from "./security.server";

const ONE_MB = 1024 * 1024;

/** The production HTTP app: static assets, security middleware, then Remix. */
export function createHttpApp(build: ServerBuild, buildDir: string) {
  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders);
  // Fingerprinted assets never change, so browsers may keep them for a year.
  app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
  app.use(bodyLimit(ONE_MB, [{ prefix: "/hr/people/import", bytes: 10 * ONE_MB }]));
  app.use(sameOriginOnly);
  app.all(
    "*",
    createRequestHandler({
      build,
      getLoadContext: (req, res) => ({ nonce: res.locals.nonce as string, clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
    }),
  );
  return app;
}
