import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser({ javaScriptEnabled: false });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("without JavaScript", () => {
  it("a role-play plays to an ending with plain form posts", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email").fill("agent@carelearn.test");
    await page.getByLabel("Password").fill("carelearn");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${server.url}/`);

    await page.goto(`${server.url}/scenarios/parcel-at-reception`);
    await page.getByRole("button", { name: "Start the conversation" }).click();
    for (let step = 0; step < 10 && !page.url().includes("/runs/"); step++) {
      await page.locator("button.choice").first().click();
      await page.waitForLoadState("load");
    }
    expect(page.url()).toMatch(/\/scenarios\/parcel-at-reception\/runs\/\d+$/);
    await page.getByText("Your conversation, step by step").waitFor();
    await page.close();
  });

  it("the lifetime-value calculator works as a plain form", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/courses/welcome-to-carelearn/the-worth-of-a-customer`);
    await page.locator("input[name=ltv-amount]").fill("20");
    await page.locator("select[name=ltv-period]").selectOption("month");
    await page.locator("input[name=ltv-years]").fill("5");
    await page.getByRole("button", { name: "Work it out" }).click();
    await page.waitForURL(/ltv-amount=20/);
    expect(await page.locator(".ltv-total").textContent()).toBe("£1,200");
    await page.close();
  });

  it("a quiz posts, is graded and shows feedback", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/courses/welcome-to-carelearn/quizzes/basics`);
    await page.locator('input[name="answer-owner"][value="a"]').check();
    await page.locator('input[name="answer-good-handover"][value="a"]').check();
    await page.locator('input[name="answer-voicemail"][value="false"]').check();
    await page.locator('input[name="answer-lifetime"][value="b"]').check();
    await page.getByRole("button", { name: "Check my answers" }).click();
    await page.getByText("Not passed yet").waitFor();
    await page.getByText("Partly right").waitFor();
    await page.close();
  });
});
