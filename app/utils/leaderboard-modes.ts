// Shared by the server (validation) and the browser (labels), so no .server suffix.
/** on: people and team boards; teams: team boards only; off: no leaderboards anywhere. */
export const LEADERBOARD_MODES = ["on", "teams", "off"] as const;
export type LeaderboardMode = (typeof LEADERBOARD_MODES)[number];
