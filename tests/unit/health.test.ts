import { describe, expect, it } from "vitest";
import { checkDatabaseHealth } from "~/models/health.server";
import { tempDatabase } from "../support/db";

describe("database health", () => {
  it("is healthy on a migrated file and unhealthy on a closed handle", () => {
    const t = tempDatabase("health");
    expect(checkDatabaseHealth(t.db)).toBe(true);
    t.db.$client.close();
    expect(checkDatabaseHealth(t.db)).toBe(false);
  });
});
