import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, signInPage } from "../support/browser";
import { Client } from "../support/http";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  server = await startServer();
  const hr = new Client(server.url);
  await hr.signIn("hr@carelearn.test");
  await hr.post("/hr/assignments", { targetKind: "everyone", what: "course:everyone-is-a-customer-care-agent", dueDays: "14", startsOn: "2026-11-01" });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (email: string) => signInPage(browser.context, server.url, email);

describe("reporting in the browser", () => {
  it("a manager filters the team dashboard and opens a transcript", async () => {
    const page = await signIn("ops.head@carelearn.test");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My team" }).click();
    await page.getByRole("heading", { name: "Your team's training" }).waitFor();
    // 42 people, 25 a page: the pager leads to the rest.
    expect(await page.locator("tbody tr").count()).toBe(25);
    await page.getByRole("link", { name: "Next →" }).click();
    await page.waitForURL(/page=2/);
    await expect.poll(() => page.locator("tbody tr").count()).toBe(17);
    await page.getByLabel("Search").fill("okello");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/q=okello/);
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
    await page.getByRole("link", { name: "Tom Okello" }).click();
    await page.getByRole("heading", { name: "Tom Okello" }).waitFor();
    expect(await page.getByText("Everyone is a customer-care agent").count()).toBeGreaterThan(0);
    await page.close();
  });

  it("HR sees the coverage charts drawn", async () => {
    const page = await signIn("hr@carelearn.test");
    await page.goto(`${server.url}/hr/reports`);
    const chart = page.getByRole("img", { name: /Coverage by department today/ });
    await chart.waitFor();
    const box = await chart.boundingBox();
    expect(box?.width).toBeGreaterThan(200);
    expect(await page.locator("svg .chart-line").count()).toBe(1);
    await page.close();
  });
});
