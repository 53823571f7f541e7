#!/usr/bin/env node
// axe-core in headless Chromium over folio's HTML pages, at each width given.
//
//   node axe_check.js [--widths 320,768,1280] [--shots DIR] PAGE.html...
//
// Fails (exit 1) on any axe violation tagged wcag2a, wcag2aa, wcag21a or
// wcag21aa, and on any page that scrolls sideways (WCAG 1.4.10 Reflow: at
// 320 CSS px nothing but a focusable, labelled scroll region may be wider
// than the window). The browser is the system's Chromium (CHROMIUM, else
// /usr/bin/chromium); axe-core and puppeteer-core come from
// tests/js/package-lock.json, installed with `npm ci` (NODE_PATH points there).
'use strict';
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function parseArgs(argv) {
	const o = {widths: [320, 768, 1280], shots: null, pages: []};
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--widths')
			o.widths = argv[++i].split(',').map(Number);
		else if (argv[i] === '--shots')
			o.shots = argv[++i];
		else
			o.pages.push(path.resolve(argv[i]));
	}
	return o;
}

// Elements wider than the window that are not inside a scroll container
// that a keyboard can reach and a screen reader can name.
async function reflowProblems(page) {
	return page.evaluate(() => {
		const out = [];
		const doc = document.documentElement;
		if (doc.scrollWidth > window.innerWidth + 1)
			out.push(`the page is ${doc.scrollWidth}px wide in a ${window.innerWidth}px window`);
		for (const el of document.querySelectorAll('*')) {
			const cs = getComputedStyle(el);
			const scrolls = (cs.overflowX === 'auto' || cs.overflowX === 'scroll') &&
			                el.scrollWidth > el.clientWidth + 1;
			if (!scrolls)
				continue;
			const named = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
			if (el.tabIndex < 0 || !named || !el.getAttribute('role'))
				out.push(`<${el.tagName.toLowerCase()} class="${el.className}"> scrolls ` +
				         'sideways but is not a focusable, labelled region');
		}
		return out;
	});
}

async function checkPage(browser, file, width, shots) {
	const page = await browser.newPage();
	const problems = [];
	page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
	await page.setViewport({width, height: 900});
	await page.goto('file://' + file, {waitUntil: 'load'});
	await page.addScriptTag({content: axeSource});
	const res = await page.evaluate(
	    (tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}),
	    TAGS);
	for (const v of res.violations)
		for (const n of v.nodes)
			problems.push(`${v.id} (${v.impact}): ${v.help}\n      at ${n.target.join(' ')}` +
			              `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}`);
	problems.push(...await reflowProblems(page));
	if (shots) {
		fs.mkdirSync(shots, {recursive: true});
		const name = path.basename(path.dirname(file)) + '-' + path.basename(file, '.html');
		await page.screenshot({path: path.join(shots, `${name}-${width}.png`), fullPage: true});
	}
	await page.close();
	return problems;
}

async function main() {
	const o = parseArgs(process.argv.slice(2));
	if (o.pages.length === 0) {
		console.error('usage: axe_check.js [--widths 320,768,1280] [--shots DIR] PAGE.html...');
		process.exit(2);
	}
	const browser = await puppeteer.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'],
	});
	let failed = 0;
	let checked = 0;
	try {
		for (const file of o.pages) {
			for (const width of o.widths) {
				const problems = await checkPage(browser, file, width, o.shots);
				checked++;
				if (problems.length === 0)
					continue;
				failed++;
				console.error(`FAIL: ${file} at ${width}px:`);
				for (const p of problems)
					console.error('    ' + p);
			}
		}
	} finally {
		await browser.close();
	}
	console.log(`axe: ${checked - failed} of ${checked} page views clean ` +
	            `(${o.pages.length} pages at ${o.widths.join(', ')} px; tags ${TAGS.join(' ')})`);
	process.exit(failed ? 1 : 0);
}

main().catch((e) => {
	console.error(`axe_check: ${e.stack || e}`);
	process.exit(2);
});
