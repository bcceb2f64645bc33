import type { Page } from "playwright-core";
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


async function choose(page: Page, choiceId: string) {
  const button = page.locator(`button[name="choice"][value="${choiceId}"]`);
  await button.waitFor();
  await button.click();
}

describe("a learner takes the sample course end to end (JavaScript on)", () => {
  it("reads lessons, passes the quiz in place, plays the role-play and opens the certificate", async () => {
    const page = await signInPage(browser.context, server.url, "driver@carelearn.test");
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    await page.goto(`${server.url}/courses/welcome-to-carelearn`);
    await page.getByRole("link", { name: "Start the course" }).click();
    await page.waitForURL(/how-carelearn-works/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBeTruthy();
    await page.getByRole("button", { name: "Mark complete" }).click();
    await page.getByText("✓ Lesson complete").waitFor();

    await page.locator("a[rel=next]").click();
    await page.waitForURL(/the-worth-of-a-customer/);
    // The calculator answers as you type.
    await page.locator("input[name=ltv-amount]").fill("50");
    await expect.poll(() => page.locator(".ltv-total").textContent()).toBe("£26,000");

    const quiz = page.locator(".quiz-block");
    await quiz.locator('input[name="answer-owner"][value="b"]').check();
    await quiz.locator('input[name="answer-good-handover"][value="a"]').check();
    await quiz.locator('input[name="answer-good-handover"][value="b"]').check();
    await quiz.locator('input[name="answer-voicemail"][value="false"]').check();
    await quiz.locator('input[name="answer-lifetime"][value="b"]').check();
    await quiz.getByRole("button", { name: "Check my answers" }).click();
    await quiz.getByText("Passed").first().waitFor();
    expect(page.url()).toMatch(/the-worth-of-a-customer$/);
    await page.getByRole("button", { name: "Mark complete" }).click();
    await page.getByText("✓ Lesson complete").waitFor();

    await page.goto(`${server.url}/scenarios/first-call`);
    await page.getByRole("button", { name: "Start the conversation" }).click();
    await choose(page, "take-it");
    await page.locator(".step-feedback").waitFor();
    await choose(page, "look-it-up");
    await choose(page, "promise-callback");
    await page.waitForURL(/\/runs\/\d+$/);
    await page.getByText("Customer retained").waitFor();

    await page.goto(`${server.url}/courses/welcome-to-carelearn`);
    await page.getByRole("link", { name: "View certificate" }).click();
    await page.waitForURL(/\/certificates\/CL-/);
    expect(await page.locator(".certificate-name").textContent()).toBe("Tom Okello");
    await page.getByText("Valid certificate").waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
