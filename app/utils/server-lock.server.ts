import fs from "node:fs";
import path from "node:path";

/** The file a running server leaves beside its database, naming its process. */
export function pidFile(databasePath: string): string {
  return `${path.resolve(databasePath)}.pid`;
}

export function writePidFile(databasePath: string): void {
  fs.writeFileSync(pidFile(databasePath), String(process.pid));
}

export function removePidFile(databasePath: string): void {
  fs.rmSync(pidFile(databasePath), { force: true });
}

/** The pid of a live server using this database, if any; a file left by a killed server is ignored. */
export function runningServerPid(databasePath: string): number | null {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile(databasePath), "utf8").trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}
