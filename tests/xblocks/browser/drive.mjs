// Drives Debian's chromium through playwright-core for tests/xblocks/test_browser.py.
// Reads {"steps": [...]} on stdin; prints {"results": {...}, "errors": [...]}. Steps:
//   {"open": url} | {"click"|"check"|"focus": selector} | {"press": key} | {"wait": selector}
//   {"eval": expression, "as": name} | {"post": url, "auth": "key:secret", "json": statement}
import { chromium } from "playwright-core";

const input = await new Promise((resolve) => {
  let text = "";
  process.stdin.on("data", (chunk) => { text += chunk; });
  process.stdin.on("end", () => resolve(text));
});
const { steps } = JSON.parse(input);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const results = {};
const errors = [];
try {
  const page = await (await browser.newContext()).newPage();
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (msg) => {
    // Failed loads are reported (with their URL) by the response handler below.
    if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) {
      errors.push(msg.text());
    }
  });
  page.on("response", (response) => {
    if (response.status() >= 400 && !response.url().endsWith("/favicon.ico")) {
      errors.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
    }
  });
  for (const step of steps) {
    if (step.open) {
      await page.goto(step.open);
    } else if (step.press) {
      await page.keyboard.press(step.press);
    } else if (step.wait) {
      await page.locator(step.wait).first().waitFor({ state: "attached", timeout: 15000 });
    } else if (step.eval) {
      results[step.as] = await page.evaluate(step.eval);
    } else if (step.post) {
      // A statement sent straight to the LRS, as another platform would.
      const response = await fetch(step.post, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Experience-API-Version": "1.0.3",
          Authorization: "Basic " + Buffer.from(step.auth).toString("base64") },
        body: JSON.stringify(step.json),
      });
      if (!response.ok) errors.push(`LRS answered ${response.status}`);
    } else {
      const action = ["click", "check", "focus"].find((a) => step[a]);
      await page.locator(step[action]).first()[action]({ timeout: 15000 });
    }
  }
} catch (error) {
  errors.push("driver: " + String(error.message || error).split("\n")[0]);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify({ results, errors }));
