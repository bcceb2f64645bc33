import fs from "node:fs";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { withRequestMemo } from "~/utils/request-memo.server";
import { bodyLimit, sameOriginOnly, securityHeaders } from "./security.server";

const ONE_MB = 1024 * 1024;

function publicFiles(clientDir: string): { name: string; path: string }[] {
  return fs
    .readdirSync(clientDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.startsWith(path.join(clientDir, "assets") + path.sep))
    .map((file) => ({ name: path.relative(clientDir, file).split(path.sep).join("/"), path: file }));
}

/** The production HTTP app: static assets, security middleware, then Remix. */
export function createHttpApp(build: ServerBuild, buildDir: string) {
  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders);
  // Fingerprinted assets never change, so browsers may keep them for a year.
  app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
  // The rest of public/ is a few files known at start: serving them by name spares every page
  // request the disk lookup a catch-all static handler makes before Remix sees it.
  for (const file of publicFiles(path.join(buildDir, "client"))) {
    app.get(`/${file.name}`, (_req, res) => res.sendFile(file.path, { maxAge: "1h" }));
  }
  app.use(bodyLimit(ONE_MB, [{ prefix: "/hr/people/import", bytes: 10 * ONE_MB }]));
  app.use(sameOriginOnly);
  const remix = createRequestHandler({
    build,
    getLoadContext: (req, res) => ({ nonce: res.locals.nonce as string, clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
  });
  app.all("*", (req, res, next) => withRequestMemo(() => remix(req, res, next)));
  return app;
}
