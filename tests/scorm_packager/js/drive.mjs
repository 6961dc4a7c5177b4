// Drives Debian's chromium through playwright-core, one browser launch for many scenarios.
// Reads {"scenarios": {name: [step, ...]}} on stdin; prints {name: {"results", "errors"}}.
// Each scenario gets a fresh browser context (its own storage); DRIVE_PARALLEL run at once. A step is one of:
//   {"open": url}                       new tab in the scenario's context (storage persists)
//   {"click"|"check"|"uncheck"|"focus": selector, "frame": true?}
//   {"press": "Tab"}                    keyboard, on the focused element
//   {"wait": selector, "frame": true?}  until attached
//   {"eval": "expression", "as": name, "frame": true?}
//   {"close": true}                     close the tab (fires pagehide)
//   {"sleep": ms}
// "frame": true acts in the first child frame (the SCO inside the test LMS page).
import { chromium } from "playwright-core";

const input = await new Promise((resolve) => {
  let text = "";
  process.stdin.on("data", (chunk) => { text += chunk; });
  process.stdin.on("end", () => resolve(text));
});
const spec = JSON.parse(input);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});

async function runScenario(steps) {
  const context = await browser.newContext();
  const results = {};
  const errors = [];
  let page = null;
  const frameOf = (step) => {
    if (!step.frame) return page.mainFrame();
    const child = page.frames().find((f) => f !== page.mainFrame());
    if (!child) throw new Error("no content frame");
    return child;
  };
  try {
    for (const step of steps) {
      if (step.open) {
        page = await context.newPage();
        page.on("pageerror", (error) => errors.push(String(error)));
        page.on("console", (msg) => {
          if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) {
            errors.push(msg.text());
          }
        });
        page.on("response", (response) => {
          if (response.status() >= 400 && !response.url().endsWith("/favicon.ico")) {
            errors.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
          }
        });
        await page.goto(step.open);
      } else if (step.close) {
        await page.close({ runBeforeUnload: true });
      } else if (step.sleep) {
        await new Promise((r) => setTimeout(r, step.sleep));
      } else if (step.press) {
        await page.keyboard.press(step.press);
      } else if (step.wait) {
        await frameOf(step).locator(step.wait).first().waitFor({ state: "attached", timeout: 20000 });
      } else if (step.eval) {
        results[step.as] = await frameOf(step).evaluate(step.eval);
      } else {
        const action = ["click", "check", "uncheck", "focus"].find((a) => step[a]);
        await frameOf(step).locator(step[action])[action]({ timeout: 20000 });
      }
    }
  } catch (error) {
    errors.push("driver: " + String(error.message || error).split("\n")[0]);
  } finally {
    await context.close();
  }
  return { results, errors };
}

// Scenarios are independent (own context, own learner): run a few at a time.
const output = {};
const queue = Object.entries(spec.scenarios);
const parallel = Number(process.env.DRIVE_PARALLEL || 3);
async function worker() {
  while (queue.length) {
    const [name, steps] = queue.shift();
    const began = Date.now();
    output[name] = await runScenario(steps);
    output[name].ms = Date.now() - began;
  }
}
try {
  await Promise.all(Array.from({ length: parallel }, worker));
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(output));
