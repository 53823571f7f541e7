// Turns saved web pages into the text a browser's "select all, copy" gives:
// document.body.innerText in headless Chromium (the system's /usr/bin/chromium,
// driven by puppeteer-core from tests/js).  No request leaves the machine: the
// page's own file is served, every other request (scripts, styles, images,
// fonts) is aborted, and the page's scripts do not run (an offline copy of a
// page whose scripts fetch the article would show nothing anyway).
//
//   NODE_PATH=build/js/node_modules node bench/clip_innertext.mjs IN.html OUT.txt [IN OUT]...
//
// Used by bench/clip_real.py, which caches the texts.
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const require = createRequire(import.meta.url);
const puppeteer = require("puppeteer-core");
const args = process.argv.slice(2);
if (args.length === 0 || args.length % 2) {
  console.error("usage: clip_innertext.mjs IN.html OUT.txt [IN.html OUT.txt]...");
  process.exit(2);
}
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND"],
});
let failed = 0;
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  let allowed = "";
  page.on("request", (r) => (r.url() === allowed ? r.continue() : r.abort()));
  for (let i = 0; i < args.length; i += 2) {
    allowed = pathToFileURL(path.resolve(args[i])).href;
    try {
      await page.goto(allowed, { waitUntil: "load", timeout: 30000 });
      const text = await page.evaluate(() => (document.body ? document.body.innerText : ""));
      writeFileSync(args[i + 1], text.endsWith("\n") ? text : text + "\n");
    } catch (e) {
      console.error(`${args[i]}: ${e.message}`);
      failed++;
    }
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
