import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

/** Sets the security headers on every response; the CSP allows only this response's scripts. */
export function securityHeaders(_req: Request, res: Response, next: NextFunction) {
  const nonce = randomBytes(16).toString("base64");
  res.locals.nonce = nonce;
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      // Same-origin files (the app's bundles, compiled lessons) and this response's inline scripts.
      `script-src 'self' 'nonce-${nonce}'`,
      // React sets style attributes (progress bars); no stylesheet comes from elsewhere.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ].join("; "),
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  next();
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery defence: a state-changing request from a browser must come from
 * this origin. Browsers send Origin (or at least Sec-Fetch-Site) on every POST; clients that
 * send neither are not browsers and carry no ambient cookies of a victim.
 */
export function sameOriginOnly(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  const origin = req.get("origin");
  const host = req.get("host");
  if (origin !== undefined) {
    let originHost: string | null = null;
    try {
      originHost = origin === "null" ? null : new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (originHost !== host) return reject(res);
    return next();
  }
  const site = req.get("sec-fetch-site");
  if (site !== undefined && site !== "same-origin" && site !== "none") return reject(res);
  next();
}

function reject(res: Response) {
  res.status(403).type("text/plain").send("Forbidden: this form must be sent from CareLearn itself.");
}

/** Refuses oversized bodies before they are read; uploads get their own, larger limit. */
export function bodyLimit(defaultBytes: number, overrides: Array<{ prefix: string; bytes: number }>) {
  return (req: Request, res: Response, next: NextFunction) => {
    // A body of unknown length (chunked) could only be measured by reading it, and Remix reads it
    // whole; browsers always say how long their forms are, so such a body is refused unread.
    if (req.get("transfer-encoding") !== undefined && req.get("content-length") === undefined) {
      res.status(411).type("text/plain").send("Send the length of the request (Content-Length): bodies of unknown size are refused.");
      return;
    }
    const declared = Number(req.get("content-length") ?? 0);
    const limit = overrides.find((o) => req.path.startsWith(o.prefix))?.bytes ?? defaultBytes;
    if (declared > limit) {
      res.status(413).type("text/plain").send(`Request too large: the limit is ${Math.round(limit / 1024 / 1024)} MB.`);
      return;
    }
    next();
  };
}
