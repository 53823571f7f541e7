// Readability.js (Mozilla's reader view) under Node with jsdom: the anchor of
// folio's HTML import benchmark. For each page given, parses it with jsdom
// and runs Readability.parse() REPS times (after one warm-up), and prints one
// line per page: "page<TAB>median ms<TAB>title" (tab-separated, for
// bench/html_bench). Time per page covers what folio's import does too:
// parsing the HTML and finding the article.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { performance } from "node:perf_hooks";
import { JSDOM } from "jsdom";
import { Readability } from "@mozilla/readability";

const reps = Number(process.env.BENCH_REPS || 5);
function once(html, url) {
  const dom = new JSDOM(html, { url });
  const article = new Readability(dom.window.document).parse();
  dom.window.close();
  return article;
}
for (const path of process.argv.slice(2)) {
  const html = readFileSync(path, "utf8");
  const url = "https://example.org/" + basename(path);
  let article = once(html, url);
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    article = once(html, url);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const title = article && article.title ? article.title.replace(/\s+/g, " ") : "";
  console.log(`${basename(path)}\t${times[Math.floor(times.length / 2)].toFixed(2)}\t${title}`);
}
