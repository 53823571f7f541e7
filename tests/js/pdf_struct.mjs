#!/usr/bin/env node
// A second, independent reader of folio's tagged PDFs: pdf.js (pdfjs-dist).
//
//   node pdf_struct.mjs LEAFLET.pdf SOURCE.md [TRANSLATION.md]
//
// With a translation (a bilingual leaflet), each language has its H1 and its
// headings in order, and the translation's elements carry its /Lang.
//
// Checks what PDF/UA-1 and the WCAG PDF techniques ask that pdf.js can see:
//  - the catalog: /MarkInfo /Marked true, /Lang, /ViewerPreferences
//    /DisplayDocTitle true, a title in the document information;
//  - every text run on every page is inside marked content that the
//    structure tree points at, or inside an Artifact (Matterhorn
//    checkpoint 01, real content tagged);
//  - the tree: one H1 holding the title; the source's headings, in order,
//    as H2..H6 roles; lists as L > LI (> Lbl, LBody); tables as Table > TR >
//    TH/TD; every Figure with alternative text (Matterhorn 13-004); a Link for each
//    link annotation (checkpoint 28);
//  - reading order: the source's headings come out of the tree in the
//    source's order (the whole tree's order against the source's text is
//    tests/e2e/pdf_order.py's, from poppler);
//  - the QR code's Figure names its address in its /Alt; no page furniture
//    ("Page 1 of 2") inside the tree.
// Prints one line per failed check and exits 1 when any failed.
// NODE_PATH (FOLIO_JS_DIR/node_modules) locates pdfjs-dist (tests/js/package.json).
import fs from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

const modules = (process.env.NODE_PATH || '').split(path.delimiter).filter(Boolean);
const pdfjsPath = modules.map((m) => path.join(m, 'pdfjs-dist/legacy/build/pdf.mjs'))
                      .find((p) => fs.existsSync(p));
if (!pdfjsPath) {
	console.error('pdf_struct: pdfjs-dist not found on NODE_PATH (run tests/e2e/npm_ci.sh)');
	process.exit(2);
}
const pdfjs = await import(pathToFileURL(pdfjsPath).href);

const [pdfFile, mdFile, trFile] = process.argv.slice(2);
if (!pdfFile || !mdFile) {
	console.error('usage: pdf_struct.mjs LEAFLET.pdf SOURCE.md');
	process.exit(2);
}

const failures = [];
const fail = (why) => failures.push(why);

// The source's title and headings (ATX only: folio's samples use no others).
function sourceOutline(md) {
	const title = (md.match(/^title:\s*"?(.*?)"?\s*$/m) || [])[1] || null;
	const lang = (md.match(/^lang:\s*"?([A-Za-z-]+)"?\s*$/m) || [])[1] || null;
	const body = md.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/```[\s\S]*?```/g, '');
	const headings = [...body.matchAll(/^(#{1,6})\s+(.*?)\s*#*\s*$/gm)]
	                     .map((m) => ({level: m[1].length, text: m[2].replace(/[*_`]/g, '')}));
	return {title, lang, headings};
}

// Quotes folded: the source types ' and ", the PDF prints the language's marks.
const norm = (s) => s.normalize('NFC').replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u00ad\u2010-]\s*/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

const doc = await pdfjs.getDocument({data: new Uint8Array(fs.readFileSync(pdfFile)),
                                      isEvalSupported: false, useSystemFonts: false}).promise;

// ---- the catalog and the document information ----
const markInfo = await doc.getMarkInfo();
if (!markInfo || markInfo.Marked !== true)
	fail('catalog: /MarkInfo << /Marked true >> missing (ISO 14289-1 7.1)');
const meta = await doc.getMetadata();
if (!meta.info.Language)
	fail('catalog: no /Lang (Matterhorn checkpoint 11, natural language)');
if (!meta.info.Title)
	fail('info: no /Title (ISO 14289-1 7.1)');
if (!meta.metadata || !meta.metadata.get('dc:title'))
	fail('XMP: no dc:title (Matterhorn 06-003)');
const prefs = await doc.getViewerPreferences();
if (!prefs || prefs.DisplayDocTitle !== true)
	fail('catalog: /ViewerPreferences << /DisplayDocTitle true >> missing (Matterhorn 07-001)');

// ---- per page: marked content against the structure tree ----
const roles = [];           // [{role, text, alt, lang}] in tree order, across pages
let untagged = 0, untaggedSample = '';
for (let p = 1; p <= doc.numPages; p++) {
	const page = await doc.getPage(p);
	const tree = await page.getStructTree();
	const content = await page.getTextContent({includeMarkedContent: true});
	const annots = await page.getAnnotations();

	// text of each marked-content id, and the runs outside any tagged one
	const textOf = new Map();
	const stack = [];
	for (const item of content.items) {
		if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') {
			stack.push({id: item.id || null, tag: item.tag});
			continue;
		}
		if (item.type === 'endMarkedContent') {
			stack.pop();
			continue;
		}
		if (!item.str || !item.str.trim())
			continue;
		const artifact = stack.some((m) => m.tag === 'Artifact');
		const tagged = [...stack].reverse().find((m) => m.id);
		if (tagged && !artifact)
			textOf.set(tagged.id, (textOf.get(tagged.id) || '') + item.str + ' ');
		else if (!artifact) {
			untagged++;
			if (!untaggedSample)
				untaggedSample = `page ${p}: "${item.str.slice(0, 40)}"`;
		}
	}

	const referenced = new Set();
	let links = 0;
	const walk = (node, lang) => {
		let text = '';
		lang = node.lang || lang;
		for (const c of node.children || []) {
			if (c.type === 'content') {
				referenced.add(c.id);
				text += textOf.get(c.id) || '';
			} else if (c.type === 'annotation' || c.type === 'object') {
				links++;
			} else if (c.role !== undefined) {
				text += walk(c, lang);
			}
		}
		if (node.role !== undefined && node.role !== 'Root')
			roles.push({role: node.role, text, alt: node.alt, lang, page: p,
			            kids: (node.children || []).filter((c) => c.role).map((c) => c.role)});
		return text;
	};
	if (tree)
		walk(tree, meta.info.Language);
	else
		fail(`page ${p}: no structure tree`);
	for (const id of textOf.keys())
		if (!referenced.has(id))
			fail(`page ${p}: marked content ${id} is not in the structure tree (Matterhorn checkpoint 01)`);
	const linkAnnots = annots.filter((a) => a.subtype === 'Link');
	if (linkAnnots.length > links)
		fail(`page ${p}: ${linkAnnots.length} link annotations, ${links} tied to the tree (Matterhorn checkpoint 28, Link tags)`);
}
if (untagged)
	fail(`${untagged} text runs neither tagged nor artifact, first ${untaggedSample} (Matterhorn checkpoint 01)`);

// ---- roles ----
const md = fs.readFileSync(mdFile, 'utf8');
const sources = [sourceOutline(md)];
if (trFile)
	sources.push(sourceOutline(fs.readFileSync(trFile, 'utf8')));
const byRole = (r) => roles.filter((n) => n.role === r);
const sameLang = (a, b) => !a || !b || a.toLowerCase().split('-')[0] === b.toLowerCase().split('-')[0];
const h1 = byRole('H1');
if (h1.length !== sources.length)
	fail(`${h1.length} H1 elements, wanted ${sources.length} (the title${trFile ? ' of each language' : ''})`);
sources.forEach((src, k) => {
	const mine = roles.filter((n) => !trFile || sameLang(n.lang, src.lang));
	const myH1 = mine.filter((n) => n.role === 'H1');
	if (trFile && !src.lang)
		fail(`source ${k + 1} has no lang: in its front matter`);
	if (trFile && myH1.length !== 1)
		fail(`${myH1.length} H1 elements in ${src.lang}, wanted 1 (Matterhorn 11-006, /Lang of each half)`);
	else if (src.title && myH1[0] && !norm(myH1[0].text).includes(norm(src.title)))
		fail(`the H1 reads "${myH1[0].text.trim()}", not the title "${src.title}"`);
	const headingsOut = mine.filter((n) => /^H[2-6]$/.test(n.role)).map((n) => norm(n.text));
	let at = 0;
	for (const h of src.headings) {
		const i = headingsOut.findIndex((t, k) => k >= at && t.includes(norm(h.text)));
		if (i < 0) {
			fail(`heading "${h.text}" is not an H2..H6 after the previous one (order, role${trFile ? ' or /Lang' : ''})`);
			continue;
		}
		// pdf.js reads the tree page by page, and a flip leaflet prints the
		// translation's pages in reverse: its order is pdf_order.py's check
		if (k === 0)
			at = i + 1;
	}
});
for (const n of roles)
	if (/\b(page|seite|p\u00e1gina)\s+\d+\s+(of|sur|de|von)\s+\d+/i.test(n.text))
		fail(`page furniture in the tree: a ${n.role} reads "${n.text.trim().slice(0, 60)}" (Matterhorn 18-002)`);
// each picture's alt text from the Markdown on a Figure (WCAG 1.1.1, Matterhorn 13-004)
const figAlts = new Set(byRole('Figure').map((f) => norm(f.alt || '')));
for (const text of [md, trFile ? fs.readFileSync(trFile, 'utf8') : ''])
	for (const m of text.matchAll(/!\[([^\]]+)\]\(/g))
		if (!figAlts.has(norm(m[1])))
			fail(`the picture "${m[1]}" has no Figure with that /Alt`);
for (const f of byRole('Figure'))
	if (f.alt && /^QR\b/.test(f.alt) && !/:\/\/|www\.|\.[a-z]{2,}\//i.test(f.alt))
		fail(`the QR code's /Alt "${f.alt}" does not name its address`);
for (const l of byRole('L'))
	if (l.kids.some((k) => k !== 'LI' && k !== 'Caption'))
		fail(`an L holds ${l.kids.join(',')}, wanted LI only`);
for (const li of byRole('LI'))
	if (li.kids.some((k) => k !== 'Lbl' && k !== 'LBody'))
		fail(`an LI holds ${li.kids.join(',')}, wanted Lbl/LBody`);
for (const t of byRole('Table'))
	if (!t.kids.every((k) => ['TR', 'THead', 'TBody', 'TFoot', 'Caption'].includes(k)))
		fail(`a Table holds ${t.kids.join(',')}`);
for (const tr of byRole('TR'))
	if (!tr.kids.every((k) => k === 'TH' || k === 'TD'))
		fail(`a TR holds ${tr.kids.join(',')}`);
if (/^\|.*\|\s*$/m.test(md) && byRole('TH').length === 0)
	fail('the source has a table but the tree has no TH (Matterhorn checkpoint 15)');
if (/^\s*([-*+]|\d+[.)])\s+\S/m.test(md) && byRole('L').length === 0)
	fail('the source has a list but the tree has no L');
for (const f of byRole('Figure'))
	if (!f.alt || !f.alt.trim())
		fail(`a Figure on page ${f.page} has no /Alt (Matterhorn 13-004)`);
if (/!\[[^\]]+\]\(/.test(md) && byRole('Figure').length === 0)
	fail('the source has images but the tree has no Figure');

const counts = {};
for (const n of roles)
	counts[n.role] = (counts[n.role] || 0) + 1;
console.log(`pdf.js: ${doc.numPages} pages, ${roles.length} structure elements ` +
            JSON.stringify(counts));
for (const f of failures)
	console.log('FAIL: ' + f);
process.exit(failures.length ? 1 : 0);
