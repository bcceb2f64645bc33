import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 12;

/** Rules for passwords people choose (not for the fixed demo sign-ins). */
export function newPasswordSchema() {
  return z
    .string({ error: "Choose a password" })
    .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters; a short phrase of four words works well`)
    .max(200, "Use at most 200 characters");
}

/** A password must not be, or contain, the email address or its name part. */
export function passwordAvoidsEmail(password: string, email: string): boolean {
  const lower = password.toLowerCase();
  const address = email.trim().toLowerCase();
  const local = address.split("@")[0] ?? "";
  return !lower.includes(address) && (local.length < 4 || !lower.includes(local));
}
