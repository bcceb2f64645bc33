import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, signInPage } from "../support/browser";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (email: string) => signInPage(browser.context, server.url, email);

async function navLabels(page: Awaited<ReturnType<typeof signIn>>) {
  return page.getByRole("navigation", { name: "Main" }).getByRole("link").allTextContents();
}

describe("navigation by access level", () => {
  it("a driver sees learner navigation only, then signs out", async () => {
    const page = await signIn("driver@carelearn.test");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("Welcome, Tom");
    expect(await navLabels(page)).toEqual(["Home", "Courses", "Role-plays", "Leaderboard"]);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${server.url}/login`);
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    await page.close();
  });

  it("HR sees the HR section and can open it, then signs out", async () => {
    const page = await signIn("hr@carelearn.test");
    expect(await navLabels(page)).toEqual(["Home", "Courses", "Role-plays", "Leaderboard", "HR"]);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "HR", exact: true }).click();
    await page.waitForURL(`${server.url}/hr`);
    await expect.poll(() => page.getByRole("heading", { name: "People by department" }).isVisible()).toBe(true);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${server.url}/login`);
    await page.close();
  });

  it("a phone-sized screen gets a menu that opens", async () => {
    const page = await signIn("driver@carelearn.test");
    await page.setViewportSize({ width: 390, height: 844 });
    const courses = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Courses" });
    expect(await courses.isVisible()).toBe(false);
    await page.getByText("Menu").click();
    expect(await courses.isVisible()).toBe(true);
    await page.close();
  });
});
