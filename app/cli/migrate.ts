import { closeDb, getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";

getDb();
closeDb();
console.log(`Migrated ${env().DATABASE_PATH}`);
