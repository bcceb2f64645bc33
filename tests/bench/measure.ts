import fs from "node:fs";
import autocannon, { type Context, type RawRequest, type Result } from "autocannon";

export type LoadResult = {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  durationS: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Cores' worth of CPU used by processes other than the server and this one while it ran. */
  otherCores: number;
  /** The server's own CPU time per answered request: far less sensitive to other load than req/s. */
  serverCpuMs: number;
  connections: number;
};

export type LoadRequest = { path: string; method?: "GET" | "POST"; headers?: Record<string, string>; body?: string };

// ------------------------------------------------------------------------------------------------
// How busy the machine was with other work: /proc/stat's busy time minus ours and the server's.

const TICKS_PER_SECOND = 100;

function busyTicks(): number {
  const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
}

function processTicks(pid: number | "self"): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of the whole line (11 and 12 after the name).
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

export function cpuWatch(serverPid: number) {
  const start = { busy: busyTicks(), ours: processTicks("self") + processTicks(serverPid), at: performance.now() };
  return () => {
    const seconds = (performance.now() - start.at) / 1000;
    const other = busyTicks() - start.busy - (processTicks("self") + processTicks(serverPid) - start.ours);
    return seconds > 0 ? Math.max(0, other / TICKS_PER_SECOND / seconds) : 0;
  };
}

/**
 * Waits until the server has finished the work still queued from the last load (autocannon stops
 * sending, but requests already accepted are still being served): its CPU use falls to nothing.
 */
export async function settle(serverPid: number, maxMs = 60_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const before = processTicks(serverPid);
    await new Promise((r) => setTimeout(r, 150));
    // At most one tick (10 ms) of CPU in 150 ms: idle.
    if (processTicks(serverPid) - before <= 1 || performance.now() - started > maxMs) return Math.round(performance.now() - started);
  }
}

// ------------------------------------------------------------------------------------------------

/**
 * Runs autocannon against the server with `connections` keep-alive connections, for `seconds` or
 * until `amount` requests are answered, taking the requests in turn from `requests` (so many people
 * and pages are exercised), and calls `onResponse` with each answer and the request it answers.
 */
export async function load(options: {
  url: string;
  serverPid: number;
  seconds: number;
  amount?: number;
  connections: number;
  requests: LoadRequest[];
  onResponse?: (request: LoadRequest, status: number, headers: Record<string, string | string[]>) => void;
}): Promise<LoadResult> {
  const { requests } = options;
  if (requests.length === 0) throw new Error("no requests to make");
  let next = 0;
  const cpu = cpuWatch(options.serverPid);
  const serverTicks = processTicks(options.serverPid);
  const result: Result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
    timeout: 120,
    requests: [
      {
        setupRequest: (request: RawRequest, context: Context) => {
          const item = requests[next++ % requests.length] as LoadRequest;
          context.item = item;
          return { ...request, method: item.method ?? "GET", path: item.path, headers: { ...request.headers, ...item.headers }, body: item.body ?? "" };
        },
        onResponse: options.onResponse
          ? (status, _body, context, headers) => options.onResponse?.(context.item as LoadRequest, status, headers)
          : undefined,
      },
    ],
  });
  const statuses: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats)) statuses[code] = count;
  const total = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    rps: total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: total,
    durationS: result.duration,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    otherCores: cpu(),
    connections: options.connections,
    serverCpuMs: total ? ((processTicks(options.serverPid) - serverTicks) * (1000 / TICKS_PER_SECOND)) / total : 0,
  };
}

/** The average time of a few requests made one after another: what one request costs an idle server. */
export async function sequentialMs(url: string, requests: LoadRequest[], count = 3): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const r = requests[i % requests.length] as LoadRequest;
    const response = await fetch(url + r.path, { method: r.method ?? "GET", headers: r.headers, body: r.body, redirect: "manual" });
    await response.arrayBuffer();
  }
  return (performance.now() - started) / count;
}
