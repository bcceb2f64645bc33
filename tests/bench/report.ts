import fs from "node:fs";

/*
 * Prints a results file of `npm run bench` as the Markdown table in docs/performance.md:
 *   npx tsx tests/bench/report.ts /tmp/carelearn-bench-full-….json
 */

type Brief = { rps: number; p50_ms: number; p99_ms: number; cpu_ms?: number; connections?: number; other_cores: number };
type Route = (Brief & { key: string; label: string; target: number; ratio: number; pass: boolean; note: string | null; fresh_ms?: number | null }) | { key: string; label: string; target: number; skipped: string };
type Results = {
  at: string;
  mode: string;
  baseline_rps: number;
  bare_http_rps?: number;
  baseline_cpu_ms?: number;
  peak_rss_mb: number;
  db_mb: number;
  warm_start_ms: number;
  cold_start_ms: number | null;
  lost_writes: number | null;
  baselines: Brief[];
  bareHttp?: Brief;
  routes: Route[];
  writes: { checked: number; lost: number } | null;
  memory: { peakRssMb: number; loadPeakRssMb: number };
  machine: { otherCores: number; loadBefore: number[]; loadAfter: number[] };
  settings: { people: number; connections: number; seconds: number; nodeOptions: string | null };
  timings: Record<string, unknown> & { import: { created: number; totalMs: number; previewMs: number; applyMs: number } | null };
  organisation: { counts: Record<string, number> };
};

const file = process.argv[2];
if (!file) {
  console.error("usage: tsx tests/bench/report.ts RESULTS.json");
  process.exit(1);
}
const r = JSON.parse(fs.readFileSync(file, "utf8")) as Results;
const cpuBase = r.baseline_cpu_ms ?? 0;
const fmt = (n: number | undefined, d = 0) => (n === undefined ? "" : n.toLocaleString("en-GB", { minimumFractionDigits: d, maximumFractionDigits: d }));
const cpuCells = (b: Brief) => (b.cpu_ms ? `${fmt(b.cpu_ms, 2)} | ${fmt(cpuBase / b.cpu_ms, 2)}` : " | ");
const lines = [
  "| route | req/s | ratio | target | result | p50 ms | p99 ms | connections | CPU ms/req | CPU ratio | vs bare HTTP |",
  "|---|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|",
];
r.baselines.forEach((b, i) =>
  lines.push(`| baseline: tiny page \`/baseline\` (${i === 0 ? "first" : "last"}) | ${fmt(b.rps)} | ${fmt(b.rps / r.baseline_rps, 2)} | | | ${b.p50_ms} | ${b.p99_ms} | ${b.connections ?? ""} | ${cpuCells(b)} | |`),
);
if (r.bareHttp && r.bare_http_rps)
  lines.push(`| reference: bare HTTP stack \`/baseline.txt\`, no page | ${fmt(r.bareHttp.rps)} | ${fmt(r.bareHttp.rps / r.baseline_rps, 2)} | | | ${r.bareHttp.p50_ms} | ${r.bareHttp.p99_ms} | ${r.bareHttp.connections ?? ""} | ${cpuCells(r.bareHttp)} | 1.00 |`);
for (const route of r.routes) {
  if ("skipped" in route) {
    lines.push(`| ${route.label} | | | ≥ ${route.target} | SKIP: ${route.skipped} | | | | | | |`);
    continue;
  }
  const page = r.bare_http_rps ? fmt(route.rps / r.bare_http_rps, 2) : "";
  lines.push(
    `| ${route.label} | ${fmt(route.rps)} | ${fmt(route.ratio, 2)} | ≥ ${route.target} | **${route.pass ? "PASS" : "MISS"}** | ${route.p50_ms} | ${route.p99_ms} | ${route.connections ?? ""} | ${cpuCells(route)} | ${page} |`,
  );
}
const t = r.timings;
console.log(lines.join("\n"));
console.log("");
console.log(`| measure | value | target | result |`);
console.log(`|---|--:|--:|---|`);
console.log(`| lost writes | ${r.lost_writes ?? "not measured"} of ${fmt(r.writes?.checked)} acknowledged | 0 | **${r.lost_writes === 0 ? "PASS" : "MISS"}** |`);
console.log(`| peak RSS of the server (VmHWM) | ${fmt(r.peak_rss_mb, 1)} MB | ≤ 400 MB | **${r.peak_rss_mb <= 400 ? "PASS" : "MISS"}** |`);
console.log(`| warm start to a healthy /healthz | ${fmt(r.warm_start_ms)} ms | ≤ 3,000 ms | **${r.warm_start_ms <= 3000 ? "PASS" : "MISS"}** |`);
for (const route of r.routes) {
  if ("fresh_ms" in route && typeof route.fresh_ms === "number") {
    console.log(`| ${route.label}: answer after a change (cache cannot help; median of 3) | ${fmt(route.fresh_ms)} ms | ≤ 300 ms | **${route.fresh_ms <= 300 ? "PASS" : "MISS"}** |`);
  }
}
console.log(`| cold start (empty compile cache) | ${r.cold_start_ms === null ? "not measured" : `${fmt(r.cold_start_ms)} ms`} | | |`);
console.log(`| first page after start | ${fmt(t.firstPageMs as number)} ms | | |`);
console.log(`| compiling the whole catalogue | ${fmt(t.compileColdMs as number)} ms (from cache: ${fmt(t.compileWarmMs as number)} ms) | | |`);
console.log(`| generating the organisation | ${fmt((t.generateMs as number) / 1000, 1)} s | | |`);
if (t.import) console.log(`| importing ${fmt(t.import.created)} people from CSV | ${fmt(t.import.totalMs)} ms (preview ${fmt(t.import.previewMs)}, apply ${fmt(t.import.applyMs)}) | | |`);
console.log(`| database size | ${fmt(r.db_mb, 1)} MB | | |`);
console.log(`| sign-in through POST /login | ${fmt(t.signIns as number)} in ${fmt(t.signInMs as number)} ms | | |`);
console.log("");
console.log(
  `${r.mode} run at ${r.at}: ${fmt(r.settings.people)} people, ${r.settings.seconds} s per route, up to ${r.settings.connections} connections, server ${r.settings.nodeOptions ?? "default heap"}; other processes used ${fmt(r.machine.otherCores, 2)} cores on average while measuring (load average ${fmt(r.machine.loadBefore[0], 2)} before, ${fmt(r.machine.loadAfter[0], 2)} after).`,
);
