import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDaysIso, isTimeZone, localDate, periodKeys, startOfLocalDay, windowAt } from "~/utils/time-zone";

const at = (iso: string) => Date.parse(iso);

// The server's own zone must not matter: run everything with the process in a far-off zone.
const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = "Pacific/Kiritimati";
});
afterAll(() => {
  process.env.TZ = originalTz;
});

describe("leaderboard windows in the organisation's time zone", () => {
  it("really runs with the process in another zone", () => {
    expect(new Date(at("2026-11-23T00:00:00Z")).getHours()).toBe(14);
  });

  it("starts a London week at Monday 00:00 local, across the spring clock change", () => {
    // Sunday 29 March 2026, 23:59:59 BST is still the week of Monday 23 March (which began in GMT).
    const late = windowAt("week", at("2026-03-29T22:59:59Z"), "Europe/London");
    expect(late).toMatchObject({ key: "week:2026-03-23", firstDay: "2026-03-23", startsAt: at("2026-03-23T00:00:00Z"), endsAt: at("2026-03-29T23:00:00Z") });
    // One second later it is Monday 30 March 00:00 BST: a fresh week.
    const fresh = windowAt("week", at("2026-03-29T23:00:00Z"), "Europe/London");
    expect(fresh).toMatchObject({ key: "week:2026-03-30", startsAt: at("2026-03-29T23:00:00Z"), endsAt: at("2026-04-05T23:00:00Z") });
  });

  it("puts the same instant in different weeks in different zones", () => {
    // Sunday 22 November 2026 20:00 in New York is already Monday 23 November in London and Tokyo.
    const instant = at("2026-11-23T01:00:00Z");
    expect(windowAt("week", instant, "America/New_York").key).toBe("week:2026-11-16");
    expect(windowAt("week", instant, "Europe/London").key).toBe("week:2026-11-23");
    expect(windowAt("week", instant, "Asia/Tokyo").key).toBe("week:2026-11-23");
    expect(windowAt("week", instant, "America/New_York").startsAt).toBe(at("2026-11-16T05:00:00Z"));
  });

  it("starts months and quarters at local midnight, with each end's own offset", () => {
    const ny = "America/New_York";
    expect(windowAt("month", at("2026-11-01T03:59:59Z"), ny).key).toBe("month:2026-10");
    expect(windowAt("month", at("2026-11-01T04:00:00Z"), ny)).toMatchObject({ key: "month:2026-11", startsAt: at("2026-11-01T04:00:00Z"), endsAt: at("2026-12-01T05:00:00Z") });
    // Sydney: Q4 begins in standard time (+10) and ends in summer time (+11).
    const q4 = windowAt("quarter", at("2026-11-15T00:00:00Z"), "Australia/Sydney");
    expect(q4).toMatchObject({ key: "quarter:2026-Q4", firstDay: "2026-10-01", startsAt: at("2026-09-30T14:00:00Z"), endsAt: at("2026-12-31T13:00:00Z") });
    expect(windowAt("quarter", at("2026-09-30T13:59:59Z"), "Australia/Sydney").key).toBe("quarter:2026-Q3");
    expect(windowAt("all", at("2026-09-30T13:59:59Z"), "Australia/Sydney")).toMatchObject({ key: "all", startsAt: null });
  });

  it("counts an instant towards its week, month, quarter and all time", () => {
    // 23:30 on Sunday 31 January 2027 in Kolkata (+05:30) is 18:00 UTC.
    expect(periodKeys(at("2027-01-31T18:00:00Z"), "Asia/Kolkata")).toEqual(["week:2027-01-25", "month:2027-01", "quarter:2027-Q1", "all"]);
    expect(periodKeys(at("2027-01-31T18:30:00Z"), "Asia/Kolkata")).toEqual(["week:2027-02-01", "month:2027-02", "quarter:2027-Q1", "all"]);
  });

  it("finds the first instant of every day of a year, even where midnight does not exist", () => {
    // Santiago and Beirut have moved clocks at midnight; Lord Howe moves by half an hour.
    for (const zone of ["Europe/London", "America/Santiago", "Asia/Beirut", "Australia/Lord_Howe", "Asia/Kolkata", "America/St_Johns"]) {
      for (let day = "2026-01-01"; day < "2027-01-01"; day = addDaysIso(day, 1)) {
        const start = startOfLocalDay(day, zone);
        expect(localDate(start, zone), `${zone} ${day}`).toBe(day);
        expect(localDate(start - 1000, zone), `${zone} ${day}`).toBe(addDaysIso(day, -1));
      }
    }
  });

  it("knows real zone names and refuses others", () => {
    expect(isTimeZone("Europe/London")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});
