/** Milliseconds in a day (a UTC day: no daylight saving in these sums). */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** Today's date as YYYY-MM-DD in UTC: due dates are UTC days (leaderboard windows use app/utils/time-zone.ts). */
export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return todayIso(date);
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

export function formatDate(value: Date | string | number): string {
  const date = typeof value === "string" && value.length === 10 ? new Date(`${value}T00:00:00Z`) : new Date(value);
  return dateFormat.format(date);
}

const dateTimeFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

/** A moment, to the minute, marked UTC: server-rendered pages cannot know the reader's zone. */
export function formatDateTime(value: Date | string | number): string {
  return `${dateTimeFormat.format(new Date(value))} UTC`;
}
