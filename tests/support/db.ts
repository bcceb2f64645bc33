import fs from "node:fs";
import path from "node:path";
import { openDatabase, type DbHandle } from "~/utils/db.server";
import { tempDir } from "./temp";

/** A real SQLite file in a fresh folder, migrated; close() removes it. */
export function tempDatabase(label = "db"): { db: DbHandle; file: string; close: () => void } {
  const dir = tempDir(label);
  const file = path.join(dir, "test.db");
  const db = openDatabase(file);
  return {
    db,
    file,
    close: () => {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
