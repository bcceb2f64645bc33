import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, signInPage } from "../support/browser";
import { startServer, type TestServer } from "../support/server";
import { withDb } from "../support/sql";

let server: TestServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  server = await startServer({ env: { SMTP_URL: "" } });
  browser = await launchBrowser();
  withDb(server.dbPath, (db) => db.prepare("insert into users (email, name, job_role, joined_on) values ('ines.new@carelearn.test', 'Ines New', 'nurse', '2026-11-20')").run());
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("an invitation, in the browser", () => {
  it("HR invites everyone waiting; the new person follows the emailed link, chooses a password and lands on their home page", async () => {
    const hr = await signInPage(browser.context, server.url, "hr@carelearn.test");
    await hr.goto(`${server.url}/hr/people`);
    await hr.getByRole("button", { name: "Invite them" }).click();
    await hr.waitForURL(/invited=1/);
    await expect.poll(() => hr.getByRole("status").textContent()).toContain("1 invitation sent.");
    await hr.close();

    const outbox = path.join(server.dir, "outbox");
    const [file] = fs.readdirSync(outbox);
    const raw = fs.readFileSync(path.join(outbox, file as string), "utf8").replace(/=\r?\n/g, "");
    const link = /https?:\/\/[^/\s"]+(\/set-password\/[A-Za-z0-9_-]+)/.exec(raw)?.[1];
    expect(link).toBeDefined();

    // The newcomer's browser: nobody signed in.
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(`${server.url}${link}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Welcome, Ines New");
    // A mistake first: the field says why; the corrected form then goes through.
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByLabel("The same password again").fill("short");
    await page.getByRole("button", { name: "Choose password and sign in" }).click();
    await expect.poll(() => page.getByText("Use at least 12 characters").first().isVisible()).toBe(true);
    await page.getByLabel("Password", { exact: true }).fill("lanterns over the bay");
    await page.getByLabel("The same password again").fill("lanterns over the bay");
    await page.getByRole("button", { name: "Choose password and sign in" }).click();
    await page.waitForURL(`${server.url}/?welcome=1`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("Ines");
    await page.close();

    // And the password signs in from now on.
    const again = await signInPage(browser.context, server.url, "ines.new@carelearn.test", "lanterns over the bay");
    expect(new URL(again.url()).pathname).toBe("/");
    await again.close();
  });
});

describe("changing a password in the browser", () => {
  it("goes through once a first mistake is corrected", async () => {
    const page = await signInPage(browser.context, server.url, "doctor@carelearn.test");
    await page.goto(`${server.url}/account`);
    await page.getByLabel("Current password").fill("carelearn");
    await page.getByLabel("New password", { exact: true }).fill("too short");
    await page.getByLabel("New password again").fill("too short");
    await page.getByRole("button", { name: /change password/i }).click();
    await expect.poll(() => page.getByText("Use at least 12 characters").first().isVisible()).toBe(true);
    await page.getByLabel("New password", { exact: true }).fill("harbour lights at noon");
    await page.getByLabel("New password again").fill("harbour lights at noon");
    await page.getByRole("button", { name: /change password/i }).click();
    await page.waitForURL(`${server.url}/account?changed=1`);
    await page.close();
  });
});
