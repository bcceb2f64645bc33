import { DAY_MS } from "./dates";

/**
 * Calendar arithmetic in a named time zone (the organisation's, for leaderboard windows), with
 * the platform's Intl time-zone data and nothing else: no Temporal, no date library, and no
 * dependence on the server's own TZ. Dates are ISO strings (YYYY-MM-DD); instants are ms.
 */

export const DEFAULT_TIME_ZONE = "Europe/London";
const QUARTER_MS = 15 * 60 * 1000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the platform knows this IANA zone name ("Europe/London", "UTC"). */
export function isTimeZone(value: string): boolean {
  if (!value || value.length > 64) return false;
  try {
    formatter(value);
    return true;
  } catch {
    return false;
  }
}

/** Every zone name the platform knows, for a picker. */
export function timeZoneNames(): string[] {
  const names = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return names.includes("UTC") ? names : ["UTC", ...names];
}

// Zone offsets change only on quarter-hour boundaries (every modern rule), so one lookup per
// quarter hour is exact; and most days have no change at all, so a day whose start and end have the
// same offset needs just those two lookups. Recounting a large ledger stays cheap.
const quarterOffsets = new Map<string, Map<number, number>>();
const dayOffsets = new Map<string, Map<number, number | null>>();

function lookup(bucket: number, timeZone: string): number {
  let zone = quarterOffsets.get(timeZone);
  if (!zone) quarterOffsets.set(timeZone, (zone = new Map()));
  const cached = zone.get(bucket);
  if (cached !== undefined) return cached;
  const parts = formatter(timeZone).formatToParts(new Date(bucket));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour") % 24, get("minute"), get("second"));
  if (zone.size > 50_000) zone.clear();
  zone.set(bucket, wall - bucket);
  return wall - bucket;
}

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const day = Math.floor(instant / DAY_MS);
  let zone = dayOffsets.get(timeZone);
  if (!zone) dayOffsets.set(timeZone, (zone = new Map()));
  let steady = zone.get(day);
  if (steady === undefined) {
    const first = lookup(day * DAY_MS, timeZone);
    steady = first === lookup((day + 1) * DAY_MS - QUARTER_MS, timeZone) ? first : null;
    if (zone.size > 50_000) zone.clear();
    zone.set(day, steady);
  }
  return steady ?? lookup(Math.floor(instant / QUARTER_MS) * QUARTER_MS, timeZone);
}

/** The calendar date at an instant in the zone, as YYYY-MM-DD. */
export function localDate(instant: number, timeZone: string): string {
  return new Date(instant + zoneOffsetMs(instant, timeZone)).toISOString().slice(0, 10);
}

export function addDaysIso(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * The first instant of a calendar day in the zone: usually midnight, but where a clock change
 * skips midnight (clocks jumping from 00:00 to 01:00) the first instant that exists that day.
 */
export function startOfLocalDay(iso: string, timeZone: string): number {
  const wall = Date.parse(`${iso}T00:00:00Z`);
  // Midnight is at wall − offset, for the offset in force then; try the offsets either side.
  const before = wall - zoneOffsetMs(wall - 36 * 3600_000, timeZone);
  const after = wall - zoneOffsetMs(wall + 36 * 3600_000, timeZone);
  const candidates = [before, after, wall - zoneOffsetMs(wall, timeZone)].sort((a, b) => a - b);
  for (const t of candidates) if (localDate(t, timeZone) === iso) return t;
  // Midnight does not exist: the day starts at the clock change, found by bisection.
  let lo = Math.min(...candidates) - 3 * 3600_000;
  let hi = Math.max(...candidates) + 3 * 3600_000;
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDate(mid, timeZone) < iso) lo = mid;
    else hi = mid;
  }
  return hi;
}

export const WINDOWS = ["week", "month", "quarter", "all"] as const;
export type WindowKind = (typeof WINDOWS)[number];

export type Window = {
  kind: WindowKind;
  /** The period key the totals are kept under: "week:2026-11-16", "month:2026-11", "quarter:2026-Q4", "all". */
  key: string;
  /** First local day of the window (YYYY-MM-DD), or null for all time. */
  firstDay: string | null;
  startsAt: number | null;
  endsAt: number | null;
};

/** Monday of the week that holds a date (weeks start on Monday). */
export function mondayOf(iso: string): string {
  const weekday = (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDaysIso(iso, -weekday);
}

function firstDayOf(kind: Exclude<WindowKind, "all">, iso: string): string {
  if (kind === "week") return mondayOf(iso);
  const [year, month] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7))];
  const first = kind === "month" ? month : Math.floor((month - 1) / 3) * 3 + 1;
  return `${year}-${String(first).padStart(2, "0")}-01`;
}

function nextFirstDay(kind: Exclude<WindowKind, "all">, first: string): string {
  if (kind === "week") return addDaysIso(first, 7);
  const [year, month] = [Number(first.slice(0, 4)), Number(first.slice(5, 7))];
  const next = month + (kind === "month" ? 1 : 3);
  return next > 12 ? `${year + 1}-${String(next - 12).padStart(2, "0")}-01` : `${year}-${String(next).padStart(2, "0")}-01`;
}

function keyOf(kind: WindowKind, first: string | null): string {
  if (kind === "all" || !first) return "all";
  if (kind === "week") return `week:${first}`;
  if (kind === "month") return `month:${first.slice(0, 7)}`;
  return `quarter:${first.slice(0, 4)}-Q${Math.floor((Number(first.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The window of a kind that holds an instant, in the zone. */
export function windowAt(kind: WindowKind, instant: number, timeZone: string): Window {
  if (kind === "all") return { kind, key: "all", firstDay: null, startsAt: null, endsAt: null };
  const first = firstDayOf(kind, localDate(instant, timeZone));
  return { kind, key: keyOf(kind, first), firstDay: first, startsAt: startOfLocalDay(first, timeZone), endsAt: startOfLocalDay(nextFirstDay(kind, first), timeZone) };
}

/** The week that began on a given Monday. */
export function weekStarting(monday: string, timeZone: string): Window {
  return { kind: "week", key: keyOf("week", monday), firstDay: monday, startsAt: startOfLocalDay(monday, timeZone), endsAt: startOfLocalDay(addDaysIso(monday, 7), timeZone) };
}

const keysOfDay = new Map<string, string[]>();

/** Every period key an instant counts towards: its week, month, quarter and all time. */
export function periodKeys(instant: number, timeZone: string): string[] {
  const day = localDate(instant, timeZone);
  let keys = keysOfDay.get(day);
  if (!keys) {
    keys = [keyOf("week", firstDayOf("week", day)), keyOf("month", firstDayOf("month", day)), keyOf("quarter", firstDayOf("quarter", day)), "all"];
    if (keysOfDay.size > 20_000) keysOfDay.clear();
    keysOfDay.set(day, keys);
  }
  return keys;
}
