import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureBuild } from "../../app/cli/build";
import { type Catalogue, loadCatalogue } from "~/models/content/catalogue.server";
import { LessonCompiler } from "~/models/content/mdx.server";
import { openDatabase } from "~/utils/db.server";
import { backfillLeaderboard, type GeneratedOrg, generateOrganisation } from "./generate-org";
import { type ImportTiming, timeImport } from "./import-people";
import { load, type LoadRequest, type LoadResult, sequentialMs, settle } from "./measure";
import { seeded } from "./random";
import { FRESH_REPORT_TARGET_MS, freshReportMs, lessonRequests, lostWrites, pageRequests, REPORT_ROUTES, type RouteKey, ROUTES, type SignedIn, type WriteItem, writeRequests } from "./routes";
import { type BenchServer, rssSampler, startBenchServer } from "./server";
import { signInAll } from "./sessions";

/*
 * `npm run bench` / `npm run bench -- --quick`: see docs/performance.md.
 *
 * Options: --quick; --people N (organisation size); --seconds S and --connections C (per route);
 * --heap MB (the server's --max-old-space-size, 0 for Node's default); --no-history (no retired
 * catalogue editions); --only lesson,home,... (routes; the baseline always runs); --skip-import;
 * --skip-cold / --cold (the cold start; --quick leaves it out); --keep (leave the temporary
 * folder, and a pristine copy of the organisation for --reuse); --reuse DIR (the organisation of a
 * kept run, instead of generating one); --out FILE (also write the results there).
 */

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    people: { type: "string" },
    seconds: { type: "string" },
    warmup: { type: "string" },
    connections: { type: "string" },
    heap: { type: "string" },
    "no-history": { type: "boolean", default: false },
    only: { type: "string" },
    "skip-import": { type: "boolean", default: false },
    "skip-cold": { type: "boolean" },
    cold: { type: "boolean" },
    keep: { type: "boolean", default: false },
    out: { type: "string" },
    reuse: { type: "string" },
  },
  allowPositionals: false,
});

const quick = args.quick ?? false;
const settings = {
  mode: quick ? "quick" : "full",
  people: Number(args.people ?? (quick ? 2_000 : 10_000)),
  seconds: Number(args.seconds ?? (quick ? 2 : 10)),
  warmupSeconds: Number(args.warmup ?? (quick ? 0.3 : 2)),
  // 50 as in ../shared/stack.md's figures; --quick uses 20, so slow pages drain in its short runs.
  connections: Number(args.connections ?? (quick ? 20 : 50)),
  readers: quick ? 10 : 50,
  writers: quick ? 30 : 200,
  // The cold start compiles the catalogue again in a second server start: left out of --quick.
  coldStart: args.cold ?? !(args["skip-cold"] ?? quick),
  // Chosen by measurement (docs/performance.md): the default heap lets RSS pass 400 MB under load;
  // 256 MB keeps it well under with no measurable loss of throughput here.
  heapMb: Number(args.heap ?? 256),
  history: !(args["no-history"] ?? false),
  only: args.only ? new Set(args.only.split(",")) : null,
};
const nodeOptions = settings.heapMb > 0 ? `--max-old-space-size=${settings.heapMb}` : undefined;
const benchStarted = performance.now();
const log = (message: string) => console.log(message);
const elapsed = () => `${((performance.now() - benchStarted) / 1000).toFixed(1)} s`;
const round = (n: number, digits = 0) => Number(n.toFixed(digits));

type RouteOutcome =
  | { key: RouteKey | "baseline"; label: string; target: number | null; result: LoadResult; ratio?: number; pass?: boolean; note?: string; freshMs?: number }
  | { key: RouteKey; label: string; target: number; skipped: string };

async function main() {
  log(`CareLearn benchmark (${settings.mode}): ${args.reuse ? `the organisation in ${args.reuse}` : `${settings.people.toLocaleString("en-GB")} people`}, ${settings.seconds} s per route, ${settings.connections} connections, server heap ${settings.heapMb || "default"}${settings.heapMb ? " MB" : ""}`);
  log(`  machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} before starting`);
  const loadBefore = os.loadavg();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "carelearn-bench-"));
  const dbFile = path.join(tmp, "carelearn.db");
  let server: BenchServer | undefined;
  try {
    // 1. Build if stale.
    let t = performance.now();
    const built = ensureBuild();
    const buildMs = Math.round(performance.now() - t);
    log(`[${elapsed()}] build: ${built ? `built in ${buildMs} ms` : `up to date (checked in ${buildMs} ms)`}`);

    // 2. Compile the whole catalogue from nothing, then load it again from the compile cache.
    t = performance.now();
    const compileDir = path.join(tmp, "compile-cache", "mdx");
    const catalogue: Catalogue = await loadCatalogue(path.resolve("courses"), new LessonCompiler(compileDir));
    const compileColdMs = Math.round(performance.now() - t);
    if (catalogue.errors.length) throw new Error(`the catalogue has ${catalogue.errors.length} problems; run npm run courses:check`);
    t = performance.now();
    await loadCatalogue(path.resolve("courses"), new LessonCompiler(compileDir));
    const compileWarmMs = Math.round(performance.now() - t);
    const lessons = catalogue.courses.reduce((n, c) => n + c.lessons.length, 0);
    log(`[${elapsed()}] catalogue: ${catalogue.courses.length} courses, ${lessons} lessons, ${catalogue.scenarios.size} role-plays; compiled from nothing in ${compileColdMs} ms, loaded from cache in ${compileWarmMs} ms`);

    // 3. The organisation: generated, or (--reuse DIR) a copy of one kept by an earlier --keep run.
    let org: GeneratedOrg;
    if (args.reuse) {
      // A pristine copy may predate the leaderboard backfill (or leaderboards): filled once, in place.
      const pristine = path.join(args.reuse, "pristine.db");
      const db = openDatabase(pristine);
      const ledger = await backfillLeaderboard(db);
      db.$client.pragma("wal_checkpoint(TRUNCATE)");
      db.$client.close();
      if (ledger?.rows) log(`[${elapsed()}] leaderboard ledger filled by the app's backfill: ${ledger.rows.toLocaleString("en-GB")} points in ${ledger.ms} ms`);
      fs.copyFileSync(pristine, dbFile);
      org = { ...(JSON.parse(fs.readFileSync(path.join(args.reuse, "org.json"), "utf8")) as GeneratedOrg), file: dbFile };
      settings.people = org.counts.users ?? settings.people;
      log(`[${elapsed()}] organisation of ${settings.people.toLocaleString("en-GB")} people reused from ${args.reuse} (generated in ${org.ms} ms then)`);
    } else {
      org = await generateOrganisation(dbFile, catalogue, { people: settings.people, retiredHistory: settings.history });
      // Kept untouched for --reuse: the measured database is changed by the writes.
      if (args.keep) fs.copyFileSync(dbFile, path.join(tmp, "pristine.db"));
      if (args.keep) fs.writeFileSync(path.join(tmp, "org.json"), JSON.stringify(org));
    }
    const rows = Object.values(org.counts).reduce((a, b) => a + b, 0);
    log(`[${elapsed()}] organisation generated in ${org.ms} ms (${rows.toLocaleString("en-GB")} rows, ${mb(fileSize(dbFile))} MB):`);
    log(`    ${Object.entries(org.counts).map(([k, v]) => `${k} ${v.toLocaleString("en-GB")}`).join(", ")}`);
    if (org.leaderboardLedger) log(`    leaderboard ledger filled by the app's backfill: ${org.leaderboardLedger.rows.toLocaleString("en-GB")} points in ${org.leaderboardLedger.ms} ms (part of the generation time)`);
    log(`    lesson progress ${org.composition.lessonProgressCurrent.toLocaleString("en-GB")} on the current catalogue + ${org.composition.lessonProgressRetired.toLocaleString("en-GB")} on retired editions; completions ${org.composition.completionsCurrent.toLocaleString("en-GB")} + ${org.composition.completionsRetired.toLocaleString("en-GB")}`);

    // 4. HR's CSV import of the whole organisation into a fresh database.
    let importTiming: ImportTiming | null = null;
    if (!args["skip-import"]) {
      importTiming = timeImport(path.join(tmp, "import.db"), org.csv, catalogue);
      log(`[${elapsed()}] import of ${importTiming.created.toLocaleString("en-GB")} people from CSV: ${importTiming.totalMs} ms (preview ${importTiming.previewMs}, store ${importTiming.storeMs}, apply ${importTiming.applyMs} with ${importTiming.enrolmentsCreated.toLocaleString("en-GB")} enrolments)`);
    }

    // 5. Cold start (empty compile cache), then warm start; the warm server is measured. Without
    // the cold start, the server starts warm on the cache the catalogue compile above filled.
    const serverCache = settings.coldStart ? path.join(tmp, "server-cache") : path.dirname(compileDir);
    let coldStartMs: number | null = null;
    if (settings.coldStart) {
      server = await startBenchServer({ dbPath: dbFile, cacheDir: serverCache, nodeOptions });
      coldStartMs = server.startMs;
      await server.stop();
      server = undefined;
      log(`[${elapsed()}] cold start (empty compile cache) to a healthy /healthz: ${coldStartMs} ms`);
    }
    // Warm starts are noisy on a shared machine: the median of three (one in --quick); the last stays up.
    const warmStarts: number[] = [];
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      if (server) await server.stop();
      server = await startBenchServer({ dbPath: dbFile, cacheDir: serverCache, nodeOptions });
      warmStarts.push(server.startMs);
    }
    if (!server) throw new Error("the server did not start");
    const warmStartMs = [...warmStarts].sort((a, b) => a - b)[Math.floor(warmStarts.length / 2)] as number;
    const rss = rssSampler(server);
    const compiled = /\((\d+) lesson\(s\) compiled/.exec(server.output())?.[1] ?? "?";
    log(`[${elapsed()}] warm start to a healthy /healthz: ${warmStartMs} ms${warmStarts.length > 1 ? ` (median of ${warmStarts.join(", ")})` : ""}; ${compiled} lessons compiled; server pid ${server.pid}, ${round(server.memory().rssMb)} MB resident`);

    // 6. Sessions, through the sign-in form.
    t = performance.now();
    const wants = (...keys: RouteKey[]) => !settings.only || keys.some((k) => settings.only?.has(k));
    const wanted = [
      ...org.readers.slice(0, wants("lesson", "catalogue", "home", "leaderboard") ? settings.readers : 1),
      ...org.writers.slice(0, wants("write") ? settings.writers : 0),
      org.manager500,
      org.hr,
    ];
    const cookies = await signInAll(server.url, wanted.map((p) => p.email), org.password);
    const signInMs = Math.round(performance.now() - t);
    const signed = (p: (typeof wanted)[number]): SignedIn => ({ ...p, cookie: cookies.get(p.email) as string });
    const readers = org.readers.slice(0, settings.readers).map(signed);
    const writers = org.writers.slice(0, settings.writers).map(signed);
    const manager = signed(org.manager500);
    const hr = signed(org.hr);
    log(`[${elapsed()}] ${cookies.size} people signed in through POST /login in ${signInMs} ms (${round((cookies.size / signInMs) * 1000, 1)}/s)`);
    // The server's own copy of the catalogue (in the built bundle) loads on the first page that needs it.
    t = performance.now();
    const first = await fetch(`${server.url}/courses`, { headers: { Cookie: readers[0]?.cookie ?? "" }, redirect: "manual" });
    await first.arrayBuffer();
    const firstPageMs = Math.round(performance.now() - t);
    log(`[${elapsed()}] first page after start (/courses, ${first.status}): ${firstPageMs} ms`);
    const memoryAfterSignIn = server.memory();
    rss.reset();

    // 7. The routes.
    const rand = seeded(7);
    const outcomes: RouteOutcome[] = [];
    const srv = server;
    // Each phase starts on an idle server: requests queued by the previous one are served first.
    const run = async (requests: LoadRequest[], seconds: number, connections: number, amount?: number, onResponse?: Parameters<typeof load>[0]["onResponse"]) => {
      await settle(srv.pid);
      return load({ url: srv.url, serverPid: srv.pid, seconds, amount, connections, requests, onResponse });
    };
    /*
     * How a route is loaded: a few requests one at a time give its cost; then enough connections to
     * keep about a quarter of a second of its work queued (at least 4, at most --connections: 50
     * connections on a 600 ms page only make every answer wait 30 s); a warm-up; then a fixed number
     * of requests sized from the warm-up to take about `seconds`, timed until the last is answered
     * (counting what completes inside a fixed window undercounts a slow page, whose work is still
     * in flight when the window closes).
     */
    const calibrate = async (requests: LoadRequest[], cap = Number.POSITIVE_INFINITY) => {
      let rate = 1000 / (await sequentialMs(srv.url, requests.slice(-3)));
      const connections = Math.min(settings.connections, Math.max(4, Math.ceil(rate / 4)));
      if (settings.warmupSeconds > 0) rate = Math.max(rate, (await run(requests, settings.warmupSeconds, connections)).rps);
      return { connections, amount: Math.min(cap, Math.max(connections, Math.round(rate * settings.seconds))) };
    };
    const measure = async (requests: LoadRequest[]) => {
      const { connections, amount } = await calibrate(requests);
      return run(requests, settings.seconds, connections, amount);
    };
    const probe = async (request: LoadRequest) => (await fetch(srv.url + request.path, { headers: request.headers, redirect: "manual" })).status;

    const baselines: LoadResult[] = [];
    const runBaseline = async () => {
      const result = await measure([{ path: "/baseline" }]);
      baselines.push(result);
      log(`[${elapsed()}] baseline /baseline: ${round(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms${noise(result)}`);
    };
    if ((await probe({ path: "/baseline" })) !== 200) throw new Error("GET /baseline did not answer 200: is app/routes/baseline.tsx in the build?");
    // The freshly started server's first load pays for compiling its hot code: not the first baseline's job.
    await run([{ path: "/baseline" }, { path: "/baseline.txt" }], 1, 20);
    await runBaseline();
    // A reference, not a target: the HTTP stack without a page (a text response from a resource
    // route, no React). The gap between it and the baseline page is what rendering any page costs.
    const bareHttp = await measure([{ path: "/baseline.txt" }]);
    log(`[${elapsed()}] reference: bare HTTP stack /baseline.txt (no page): ${round(bareHttp.rps)} req/s, p50 ${bareHttp.p50} ms, p99 ${bareHttp.p99} ms${noise(bareHttp)}`);

    let writeCheck: { acknowledged: number; distinct: number; checked: number; lost: number; failed: number; examples: WriteItem[] } | null = null;
    for (const route of ROUTES) {
      if (settings.only && !settings.only.has(route.key)) continue;
      let requests: LoadRequest[];
      if (route.key === "lesson") requests = lessonRequests(readers, catalogue, rand);
      else if (route.key === "catalogue") requests = pageRequests("/courses", readers);
      else if (route.key === "home") requests = pageRequests("/", readers);
      else if (route.key === "leaderboard") requests = pageRequests("/leaderboard", readers);
      else if (route.key === "team") requests = pageRequests("/team", [manager]);
      else if (route.key === "hr_reports") requests = pageRequests("/hr/reports", [hr]);
      else requests = writeRequests(dbFile, writers, catalogue, server.url, rand);

      if (route.key !== "write") {
        const status = await probe(requests[0] as LoadRequest);
        if (status === 404) {
          outcomes.push({ ...route, skipped: `${requests[0]?.path} is not in this build (404)` });
          log(`[${elapsed()}] ${route.label}: skipped, ${requests[0]?.path} answers 404 in this build`);
          continue;
        }
        if (status !== 200) throw new Error(`${route.label}: ${requests[0]?.path} answered ${status} to a signed-in probe`);
      }
      if (route.key === "write") {
        const acknowledged: WriteItem[] = [];
        let failed = 0;
        const all = requests as Array<LoadRequest & { item: WriteItem }>;
        // The warm-up marks lessons complete too: it takes the end of the list, the measurement the start.
        const warm = all.splice(Math.floor(all.length * 0.8));
        const { connections, amount } = await calibrate(warm, all.length);
        const result = await run(all, settings.seconds, connections, amount, (request, status, headers) => {
          const location = String(headers.location ?? headers.Location ?? "");
          if (status >= 200 && status < 400 && !location.startsWith("/login")) acknowledged.push((request as LoadRequest & { item: WriteItem }).item);
          else failed += 1;
        });
        // Checked once the server is idle again: an acknowledged write must be there, whatever came after.
        await settle(srv.pid);
        const check = lostWrites(dbFile, acknowledged);
        writeCheck = { acknowledged: acknowledged.length, distinct: check.checked, checked: check.checked, lost: check.lost.length, failed, examples: check.lost.slice(0, 5) };
        const wrapped = result.requests > all.length ? ` (the ${all.length.toLocaleString("en-GB")} distinct person-lesson pairs ran out: the rest repeat, which is idempotent)` : "";
        outcomes.push({ ...route, result, note: `${acknowledged.length} acknowledged, ${check.lost.length} lost, ${failed} not acknowledged${wrapped}` });
        log(`[${elapsed()}] ${route.label}: ${round(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms; ${acknowledged.length.toLocaleString("en-GB")} acknowledged (${check.checked.toLocaleString("en-GB")} distinct), ${check.lost.length} lost, ${failed} not acknowledged${noise(result)}${wrapped}`);
        continue;
      }
      let freshMs: number | undefined;
      if (REPORT_ROUTES.has(route.key)) {
        freshMs = await freshReportMs(srv.url, requests[0] as LoadRequest, dbFile);
        log(`[${elapsed()}] ${route.label}: ${freshMs} ms to answer after a change (median of 3; ≤ ${FRESH_REPORT_TARGET_MS} ${freshMs <= FRESH_REPORT_TARGET_MS ? "PASS" : "MISS"})`);
      }
      const result = await measure(requests);
      const bad = result.requests - (result.statuses["200"] ?? 0);
      outcomes.push({ ...route, result, freshMs, note: bad ? `${bad} answers were not 200: ${JSON.stringify(result.statuses)}` : undefined });
      log(`[${elapsed()}] ${route.label}: ${round(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms${bad ? `, ${bad} not 200 ${JSON.stringify(result.statuses)}` : ""}${noise(result)}`);
    }
    await runBaseline();

    // 8. Memory and size.
    const memory = server.memory();
    const peakRssMb = round(Math.max(memory.peakMb, memoryAfterSignIn.peakMb), 1);
    const loadPeakRssMb = round(rss.peak(), 1);
    rss.stop();
    await server.stop();
    server = undefined;
    const dbMb = round(mb(fileSize(dbFile) + fileSize(`${dbFile}-wal`)), 1);

    // 9. Ratios, targets, report.
    const baselineRps = baselines.reduce((s, b) => s + b.rps, 0) / baselines.length;
    const baselineCpuMs = baselines.reduce((s, b) => s + b.serverCpuMs, 0) / baselines.length;
    for (const o of outcomes) {
      if (!("result" in o)) continue;
      o.ratio = o.result.rps / baselineRps;
      const validAnswers = o.key === "write" ? writeCheck !== null && writeCheck.lost === 0 && writeCheck.failed === 0 : o.note === undefined;
      const freshInTime = o.freshMs === undefined || o.freshMs <= FRESH_REPORT_TARGET_MS;
      o.pass = o.target !== null && o.ratio >= o.target && validAnswers && freshInTime;
    }
    const memoryPass = peakRssMb <= 400;
    const warmPass = warmStartMs <= 3000;
    const loadAfter = os.loadavg();
    const allResults = [...baselines, bareHttp, ...outcomes.flatMap((o) => ("result" in o ? [o.result] : []))];
    const otherCores = allResults.reduce((s, r) => s + r.otherCores, 0) / allResults.length;

    log("");
    log(`route                        req/s   ratio  vs bare   p50 ms   p99 ms  CPU ms  CPU ratio   target   result`);
    const row = (label: string, rps: string, ratio: string, page: string, p50: string, p99: string, cpuMs: string, cpuRatio: string, target: string, result: string) =>
      log(`${label.padEnd(26)} ${rps.padStart(7)} ${ratio.padStart(7)} ${page.padStart(8)} ${p50.padStart(8)} ${p99.padStart(8)} ${cpuMs.padStart(7)} ${cpuRatio.padStart(10)} ${target.padStart(8)}   ${result}`);
    const cpu = (r: LoadResult) => [r.serverCpuMs.toFixed(2), (baselineCpuMs / r.serverCpuMs).toFixed(2)] as const;
    baselines.forEach((b, i) => row(`baseline (${i === 0 ? "first" : "last"})`, String(round(b.rps)), (b.rps / baselineRps).toFixed(2), "", String(b.p50), String(b.p99), ...cpu(b), "", ""));
    row("bare /baseline.txt (ref.)", String(round(bareHttp.rps)), (bareHttp.rps / baselineRps).toFixed(2), "1.00", String(bareHttp.p50), String(bareHttp.p99), ...cpu(bareHttp), "", "");
    for (const o of outcomes) {
      if (!("result" in o)) {
        row(o.label, "", "", "", "", "", "", "", `≥ ${o.target}`, `SKIP (${o.skipped})`);
        continue;
      }
      const page = (o.result.rps / bareHttp.rps).toFixed(2);
      row(o.label, String(round(o.result.rps)), (o.ratio ?? 0).toFixed(2), page, String(o.result.p50), String(o.result.p99), ...cpu(o.result), `≥ ${o.target}`, `${o.pass ? "PASS" : "MISS"}${o.freshMs !== undefined ? ` (after a change: ${o.freshMs} ms, ≤ ${FRESH_REPORT_TARGET_MS})` : ""}${o.note && o.key !== "write" ? ` (${o.note})` : ""}`);
    }
    log(`(ratio: req/s to the baseline page's, which the targets use; vs bare: to the bare HTTP stack's (no page); CPU ms: the server's CPU time per request; CPU ratio: the baseline's CPU per request to the route's, the same ratio measured in a way other load on the machine hardly disturbs)`);
    if (writeCheck) log(`lost writes: ${writeCheck.lost} of ${writeCheck.checked.toLocaleString("en-GB")} distinct acknowledged   ${writeCheck.lost === 0 ? "PASS" : "MISS"}`);
    log(`peak RSS of the server: ${peakRssMb} MB (≤ 400)   ${memoryPass ? "PASS" : "MISS"}   (highest sample while under load: ${loadPeakRssMb} MB; after sign-ins: ${round(memoryAfterSignIn.rssMb)} MB)`);
    log(`warm start: ${warmStartMs} ms (≤ 3000)   ${warmPass ? "PASS" : "MISS"}${coldStartMs !== null ? `; cold start (empty compile cache): ${coldStartMs} ms` : ""}`);
    log(`database: ${dbMb} MB; catalogue compile ${compileColdMs} ms; organisation ${org.ms} ms${importTiming ? `; CSV import of ${importTiming.created.toLocaleString("en-GB")} people ${importTiming.totalMs} ms` : ""}`);
    log(`noise: other processes used ${otherCores.toFixed(2)} cores on average while measuring; load average ${loadBefore[0]?.toFixed(2)} before, ${loadAfter[0]?.toFixed(2)} after`);

    const routesJson: Record<string, unknown> = {};
    for (const o of outcomes) {
      routesJson[o.key] =
        "result" in o
          ? { rps: round(o.result.rps), ratio: round(o.ratio ?? 0, 2), vs_bare: round(o.result.rps / bareHttp.rps, 2), p50_ms: o.result.p50, p99_ms: o.result.p99, cpu_ms: round(o.result.serverCpuMs, 2), cpu_ratio: round(baselineCpuMs / o.result.serverCpuMs, 2), ...(o.freshMs !== undefined ? { fresh_ms: o.freshMs } : {}), target: o.target, pass: o.pass }
          : { skipped: o.skipped, target: o.target };
    }
    const summary = {
      mode: settings.mode,
      baseline_rps: round(baselineRps),
      bare_http_rps: round(bareHttp.rps),
      baseline_cpu_ms: round(baselineCpuMs, 2),
      routes: routesJson,
      lost_writes: writeCheck?.lost ?? null,
      peak_rss_mb: peakRssMb,
      db_mb: dbMb,
      warm_start_ms: warmStartMs,
      cold_start_ms: coldStartMs,
      pass: outcomes.every((o) => !("result" in o) || o.pass) && memoryPass && warmPass && (writeCheck?.lost ?? 0) === 0,
      results_file: "",
    };
    const details = {
      ...summary,
      at: new Date().toISOString(),
      settings: { ...settings, only: settings.only ? [...settings.only] : null, nodeOptions: nodeOptions ?? null },
      machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: round(os.totalmem() / 1024 ** 3, 1), node: process.version, loadBefore, loadAfter, otherCores: round(otherCores, 2) },
      timings: { buildMs, built, compileColdMs, compileWarmMs, generateMs: org.ms, import: importTiming, coldStartMs, warmStartMs, warmStarts, firstPageMs, signInMs, signIns: cookies.size, totalMs: Math.round(performance.now() - benchStarted) },
      organisation: { counts: org.counts, composition: org.composition, targets: org.targets, manager500LineSize: org.manager500.lineSize, dbMb },
      memory: { peakRssMb, loadPeakRssMb, afterSignInMb: round(memoryAfterSignIn.rssMb, 1) },
      baselines: baselines.map(brief),
      bareHttp: brief(bareHttp),
      routes: outcomes.map((o) => ("result" in o ? { key: o.key, label: o.label, target: o.target, ratio: o.ratio, pass: o.pass, note: o.note ?? null, fresh_ms: o.freshMs ?? null, ...brief(o.result) } : o)),
      writes: writeCheck,
    };
    const file = path.join(os.tmpdir(), `carelearn-bench-${settings.mode}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    summary.results_file = file;
    details.results_file = file;
    fs.writeFileSync(file, `${JSON.stringify(details, null, 2)}\n`);
    if (args.out) fs.writeFileSync(args.out, `${JSON.stringify(details, null, 2)}\n`);
    log(`results: ${file}${args.out ? ` and ${args.out}` : ""}; finished in ${elapsed()}`);
    log(JSON.stringify(summary));
  } finally {
    await server?.stop();
    if (args.keep) console.error(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function brief(r: LoadResult) {
  return { rps: round(r.rps, 1), p50_ms: r.p50, p99_ms: r.p99, cpu_ms: round(r.serverCpuMs, 3), connections: r.connections, requests: r.requests, seconds: r.durationS, statuses: r.statuses, errors: r.errors, timeouts: r.timeouts, other_cores: round(r.otherCores, 2) };
}

/** How it was loaded, what each request cost the server, and whether other work disturbed it. */
function noise(r: LoadResult): string {
  return ` (${r.connections} connections, ${r.serverCpuMs.toFixed(2)} ms server CPU per request)${r.otherCores > 0.25 ? ` [other processes: ${r.otherCores.toFixed(2)} cores]` : ""}`;
}

function fileSize(file: string): number {
  return fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
}

function mb(bytes: number): number {
  return round(bytes / 1024 / 1024, 1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
