// The browser benchmark: Sorot against the framework-free reference page
// (reference.html), same data, same headless Chromium, a fresh browser
// context for every run of every page. Usually started by `cargo xtask
// bench`, which builds, serves a copy of dist/ with reference.html beside
// it, and sets SOROT_URL, REFERENCE_URL and SOROT_DIST.
//
//   node bench.mjs [--runs N] [--quick]
//
// First the start: from navigation to the seed article painted, for
// dist/sorot.html opened from file:// and for the served build, each
// against the reference page opened the same way.
// For each article size (10k/100, 100k/1,000, 1M/10,000 code points/spans)
// it times, on the page's clock: opening the file, creating one span,
// relabelling, deleting and undoing it, then scrolls the whole article and
// counts long frames; it reads the JS heap (and Sorot's WebAssembly memory)
// after open. For the corpus it times opening and Export JSON / JSONL with
// a 50 ms heartbeat watching responsiveness. Last, the shipped bytes.
// Every figure is a median with min–max over the runs, and a ratio to the
// reference; figures that could not be measured are listed with why.
// Results: a Markdown table and JSON lines on stdout, and
// target/bench/results.json (+ results.md).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { writeWorkloads, digest } from './generate.mjs';
import { launch, openPage, storageSettled, framesPassed, memory, download, clickButton, option, DIST, OUT, SOROT_URL, REFERENCE_URL, VIEWPORT } from './lib.mjs';

const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const RUNS = Number(option(argv, 'runs') ?? (QUICK ? 2 : 5));
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error(`--runs needs a whole number of at least 1, got ${option(argv, 'runs')}`);
  process.exit(2);
}
const OPEN_TIMEOUT_MS = 180_000;
const EDIT_TIMEOUT_MS = 60_000;
const SIDES = ['sorot', 'reference'];

const EDITS = ['create one span', 'relabel', 'delete', 'undo'];
const MEMORY = [['JS heap after open', 'MB'], ['JS heap + wasm memory after open', 'MB']];
const SCROLL = [['scroll: longest frame', 'ms'], ['scroll: frames over 16.7 ms', 'frames']];
/** What an article run measures once the file is open. */
const AFTER_OPEN = [...MEMORY, ...EDITS.map((figure) => [figure, 'ms']), ...SCROLL];
const EXPORTS = [['export JSON', 'ms'], ['export JSONL', 'ms']];
/** The longest the page went without a heartbeat from opening a corpus until it settled. */
const OPEN_GAP = ['open: longest heartbeat gap', 'ms'];

/** The issue's targets, checked against the Sorot medians and ratios. */
const TARGETS = [
  { figure: 'open', size: '100k', text: '≤ 2× reference', met: (f) => f.ratio <= 2 },
  { figure: 'create one span', size: '100k', text: '≤ 1.5× reference', met: (f) => f.ratio <= 1.5 },
  { figure: 'create one span', size: '1M', text: '≤ 1.5× reference and < 33 ms', met: (f) => f.ratio <= 1.5 && f.sorot.median < 33 },
  { figure: 'open', size: '1M', text: '≤ 1× reference', met: (f) => f.ratio <= 1 },
  ...['1,000 docs', '10,000 docs'].flatMap((size) => [
    { figure: 'open', size, text: '≤ 1× reference', met: (f) => f.ratio <= 1 },
    { figure: OPEN_GAP[0], size, text: '< 100 ms', met: (f) => f.sorot.median < 100 },
  ]),
  { figure: 'shipped, gzip', size: 'sorot.html', text: '≤ 300 KiB', met: (f) => f.sorot.median <= 300 },
  { figure: 'start-up', size: 'served', text: '< 400 ms', met: (f) => f.sorot.median < 400 },
  {
    figure: 'start-up', size: 'file://, again', text: '< 400 ms and ≤ served',
    met: (f, sorotOf) => f.sorot.median < 400 && f.sorot.median <= (sorotOf('start-up', 'served')?.median ?? 0),
  },
  {
    figure: 'start-up', size: 'file://', text: '< 400 ms and ≤ served',
    met: (f, sorotOf) => f.sorot.median < 400 && f.sorot.median <= (sorotOf('start-up', 'served')?.median ?? 0),
  },
];

/** Where each page starts from: the single file from disk, or served. */
const STARTS = {
  'file://': {
    sorot: pathToFileURL(path.join(DIST, 'sorot.html')).href,
    reference: new URL('reference.html', import.meta.url).href,
  },
  served: { sorot: SOROT_URL, reference: REFERENCE_URL },
};

// ---- recording -----------------------------------------------------------

/**
 * figure|size -> { figure, size, unit, samples: { sorot: [], reference: [] },
 * notes: Map(text -> how many runs said it) }
 */
const figures = new Map();

function entry(figure, size, unit) {
  const key = `${figure}|${size}`;
  if (!figures.has(key)) figures.set(key, { figure, size, unit, samples: { sorot: [], reference: [] }, notes: new Map() });
  return figures.get(key);
}

function record(figure, size, unit, side, value) {
  entry(figure, size, unit).samples[side].push(value);
}

/** Notes a figure that could not be measured on `side` in one run, and why. */
function missed(figure, size, unit, side, reason) {
  note(figure, size, unit, `${side}: ${reason}`);
}

function note(figure, size, unit, text) {
  const notes = entry(figure, size, unit).notes;
  notes.set(text, (notes.get(text) ?? 0) + 1);
}

// ---- one run of one page -------------------------------------------------

/** Opens `workload` through the page's file input; resolves with the ms. */
async function timeOpen(page, side, workload) {
  const expect = { title: workload.title, starts: workload.starts };
  await page.evaluate(([kind, e, timeout]) => window.__bench.watchOpen(kind, e, timeout), [side, expect, OPEN_TIMEOUT_MS]);
  await page.locator('input[type=file]').first().setInputFiles(workload.file);
  return page.evaluate(() => window.__bench.pending);
}

/** Waits until the page is quiet: rendered, and for Sorot, stored. */
async function settle(page, side) {
  await framesPassed(page);
  if (side === 'sorot') await storageSettled(page);
}

/** Presses `key` and resolves with { ms, value } once `change` is painted. */
async function timeKey(page, side, key, change) {
  await page.evaluate(([kind, c, timeout]) => window.__bench.watchKey(kind, c, timeout), [side, change, EDIT_TIMEOUT_MS]);
  await page.keyboard.press(key);
  return page.evaluate(() => window.__bench.pending);
}

/** Clicks span `id` unless it is already the selected one. */
async function selectSpan(page, side, id) {
  const [click, selected] = await page.evaluate(([kind, i]) => {
    const a = window.__bench.ADAPTERS[kind];
    return [a.clickOf(i), a.selectedOf(i)];
  }, [side, id]);
  if (await page.locator(selected).count()) return;
  await page.locator(click).first().click({ timeout: EDIT_TIMEOUT_MS });
  await page.waitForSelector(selected, { state: 'attached', timeout: EDIT_TIMEOUT_MS });
}

/** Records the memory figures once the page has settled after an open. */
async function recordMemory(page, side, size) {
  try {
    await settle(page, side);
    const { heap, wasm } = await memory(page);
    record('JS heap after open', size, 'MB', side, heap / 1e6);
    record('JS heap + wasm memory after open', size, 'MB', side, (heap + wasm) / 1e6);
  } catch (error) {
    for (const [figure, unit] of MEMORY) missed(figure, size, unit, side, reason(error));
  }
}

/**
 * Loads `side` in a fresh context, or notes that it could not be loaded
 * (as the failed open, with `dependents` not reached) and returns null.
 */
async function loadPage(browser, side, size, dependents) {
  try {
    return await openPage(browser, side);
  } catch (error) {
    missed('open', size, 'ms', side, `the page did not load: ${reason(error)}`);
    for (const [figure, unit] of dependents) missed(figure, size, unit, side, 'not reached: the page did not load');
    return null;
  }
}

/**
 * Times opening `workload`; when it fails, notes the open and its
 * `dependents` as missed and resolves false.
 */
async function openOrMiss(page, side, workload, dependents) {
  const size = workload.size;
  try {
    record('open', size, 'ms', side, await timeOpen(page, side, workload));
    return true;
  } catch (error) {
    missed('open', size, 'ms', side, reason(error));
    for (const [figure, unit] of dependents) missed(figure, size, unit, side, 'not reached: open failed');
    return false;
  }
}

/** Whether sorot.html has kept its unpacked wasm in the browser's database. */
function keptWasm() {
  return new Promise((done) => {
    const opening = indexedDB.open('sorot-wasm', 1);
    opening.onsuccess = () => {
      const count = opening.result.transaction('wasm').objectStore('wasm').count();
      count.onsuccess = () => done(count.result === 1);
      count.onerror = () => done(false);
    };
    opening.onerror = () => done(false);
  });
}

/**
 * One start of one page in a fresh context (and the single file again in
 * the same context): from navigation to the first
 * painted frame showing Sorot's seed article (or the reference's file input).
 */
async function startRun(browser, side, how) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript({ path: fileURLToPath(new URL('probe.js', import.meta.url)) });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // The single file starts a second time in the same browser profile,
    // as it does every day after the first: Sorot then has its wasm kept.
    for (const size of how === 'file://' ? [how, `${how}, again`] : [how]) {
      await page.goto(STARTS[how][side], { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__bench?.started, null, { timeout: OPEN_TIMEOUT_MS });
      record('start-up', size, 'ms', side, await page.evaluate(() => window.__bench.started));
      if (side === 'sorot' && size === 'file://') await page.waitForFunction(keptWasm, null, { timeout: OPEN_TIMEOUT_MS });
    }
    for (const message of errors) note('start-up', how, 'ms', `${side} page error: ${message}`);
  } catch (error) {
    missed('start-up', how, 'ms', side, reason(error));
  } finally {
    await context.close();
  }
}

/** One run on one article: open, memory, the four edits, the scroll. */
async function articleRun(browser, side, workload) {
  const size = workload.size;
  const page = await loadPage(browser, side, size, AFTER_OPEN);
  if (!page) return;
  try {
    if (!(await openOrMiss(page, side, workload, AFTER_OPEN))) return;
    await recordMemory(page, side, size);

    let step = EDITS[0];
    try {
      await settle(page, side);
      const picked = await page.evaluate((kind) => window.__bench.selectWord(kind), side);
      if (!picked) throw new Error('found no plain word of 5+ letters in view to select');
      const created = await timeKey(page, side, '1', { kind: 'create', block: picked.block, before: picked.before });
      record(step, size, 'ms', side, created.ms);
      const id = created.value;

      step = 'relabel';
      await settle(page, side);
      await selectSpan(page, side, id);
      record(step, size, 'ms', side, (await timeKey(page, side, '2', { kind: 'relabel', id, label: 'VICTIM_COUNT' })).ms);

      step = 'delete';
      await settle(page, side);
      await selectSpan(page, side, id);
      record(step, size, 'ms', side, (await timeKey(page, side, 'Delete', { kind: 'delete', id })).ms);

      step = 'undo';
      await settle(page, side);
      record(step, size, 'ms', side, (await timeKey(page, side, 'Control+z', { kind: 'restore', id })).ms);
    } catch (error) {
      missed(step, size, 'ms', side, reason(error));
      for (const later of EDITS.slice(EDITS.indexOf(step) + 1)) missed(later, size, 'ms', side, `not reached: ${step} failed`);
    }

    try {
      await settle(page, side);
      const scroll = await page.evaluate(() => window.__bench.scrollThrough());
      record('scroll: longest frame', size, 'ms', side, scroll.longest);
      record('scroll: frames over 16.7 ms', size, 'frames', side, scroll.over);
    } catch (error) {
      for (const [figure, unit] of SCROLL) missed(figure, size, unit, side, reason(error));
    }
  } finally {
    for (const message of page.benchErrors) note('open', size, 'ms', `${side} page error: ${message}`);
    await page.context().close();
  }
}

/**
 * How the page exports `format` ('JSON' or 'JSONL'): an "Export JSON" /
 * "Export JSONL" button, or for JSONL, Sorot's "Export as…" menu. Returns
 * { trigger, startEvent } or null when the page has neither.
 */
async function exporter(page, format) {
  const name = `Export ${format}`;
  if (await page.getByRole('button', { name, exact: true }).count()) {
    return { trigger: clickButton(page, name, OPEN_TIMEOUT_MS), startEvent: 'click' };
  }
  const menu = page.locator('select[aria-label="Export as"]');
  if (format === 'JSONL' && (await menu.locator('option[value="jsonl"]').count())) {
    return { trigger: () => menu.selectOption('jsonl', { timeout: OPEN_TIMEOUT_MS }), startEvent: 'change' };
  }
  return null;
}

/**
 * Exports the corpus as `format` with the heartbeat running; records the
 * time from the click (or menu choice) to the download starting and the
 * longest heartbeat gap, and checks the file against what was opened.
 */
async function timeExport(page, side, workload, format, check) {
  const figure = `export ${format}`;
  const how = await exporter(page, format);
  if (!how) {
    missed(figure, workload.size, 'ms', side, `the page has no "Export ${format}" button${format === 'JSONL' ? ' and no "Export as…" menu with JSONL' : ''}`);
    missed(`${figure}: longest heartbeat gap`, workload.size, 'ms', side, `not reached: no way to export ${format}`);
    return;
  }
  await page.evaluate(() => window.__bench.startHeartbeat());
  const file = await download(page, how.trigger, OPEN_TIMEOUT_MS);
  const seen = await page.evaluate(() => ({ ...window.__bench.seen, gap: window.__bench.stopHeartbeat() }));
  const start = seen[how.startEvent];
  if (seen.download === null || start === null) {
    missed(figure, workload.size, 'ms', side, `the download did not start from an <a download> click after the ${how.startEvent}`);
    return;
  }
  record(figure, workload.size, 'ms', side, seen.download - start);
  record(`${figure}: longest heartbeat gap`, workload.size, 'ms', side, seen.gap);
  const problem = check(file.text);
  if (problem) note(figure, workload.size, 'ms', `${side} exported a different corpus: ${problem}`);
}

/** Why the exported Sorot JSON differs from the corpus, or null. */
function checkJson(workload) {
  return (text) => {
    const file = JSON.parse(text);
    const docs = file.documents.filter((d) => d.id.startsWith('corpus-'));
    return digest(docs) === workload.digest ? null : `${docs.length} corpus documents with ${docs.reduce((n, d) => n + d.spans.length, 0)} spans do not match the ${workload.documents} opened`;
  };
}

/** Why the exported JSONL differs from the corpus, or null. */
function checkJsonl(workload) {
  return (text) => {
    const docs = text.split('\n').filter(Boolean).map((line) => JSON.parse(line)).filter((d) => String(d.id).startsWith('corpus-'));
    return digest(docs) === workload.digest ? null : `${docs.length} corpus lines do not match the ${workload.documents} documents opened`;
  };
}

/** One run on the corpus: open, memory, Export JSON, Export JSONL. */
async function corpusRun(browser, side, workload) {
  const size = workload.size;
  const page = await loadPage(browser, side, size, [...MEMORY, ...EXPORTS]);
  if (!page) return;
  try {
    await page.evaluate(() => window.__bench.startHeartbeat());
    if (!(await openOrMiss(page, side, workload, [OPEN_GAP, ...MEMORY, ...EXPORTS]))) return;
    // Until the page has settled: for Sorot that includes storing the corpus.
    await settle(page, side);
    record(OPEN_GAP[0], size, 'ms', side, await page.evaluate(() => window.__bench.stopHeartbeat()));
    await recordMemory(page, side, size);
    for (const [format, check] of [['JSON', checkJson], ['JSONL', checkJsonl]]) {
      try {
        await settle(page, side);
        await timeExport(page, side, workload, format, check(workload));
      } catch (error) {
        missed(`export ${format}`, size, 'ms', side, reason(error));
      }
    }
  } finally {
    for (const message of page.benchErrors) note('open', size, 'ms', `${side} page error: ${message}`);
    await page.context().close();
  }
}

function shippedBytes() {
  const reference = fileURLToPath(new URL('reference.html', import.meta.url));
  for (const [side, file] of [['sorot', path.join(DIST, 'sorot.html')], ['reference', reference]]) {
    if (!fs.existsSync(file)) {
      missed('shipped, gzip', 'sorot.html', 'KiB', side, `${file} does not exist`);
      continue;
    }
    const bytes = fs.readFileSync(file);
    record('shipped, raw', 'sorot.html', 'KiB', side, bytes.length / 1024);
    record('shipped, gzip', 'sorot.html', 'KiB', side, zlib.gzipSync(bytes, { level: 9 }).length / 1024);
  }
  note('shipped, gzip', 'sorot.html', 'KiB', 'reference: tests/bench/reference.html, for scale');
}

/** The first line of an error, without Playwright's "page.evaluate: Error:" prefix. */
function reason(error) {
  return String(error?.message ?? error).split('\n')[0].replace(/^page\.evaluate: (Error: )?/, '');
}

// ---- reporting -----------------------------------------------------------

function stats(values) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  const round = (x) => Math.round(x * 10) / 10;
  return { median: round(median), min: round(sorted[0]), max: round(sorted[sorted.length - 1]) };
}

/** The figures as the JSON objects printed one per line. */
function summarize() {
  const sorotOf = (figure, size) => stats(figures.get(`${figure}|${size}`)?.samples.sorot ?? []);
  return [...figures.values()].map((f) => {
    const sorot = stats(f.samples.sorot);
    const reference = stats(f.samples.reference);
    const ratio = sorot && reference && reference.median > 0 ? Math.round((sorot.median / reference.median) * 100) / 100 : null;
    const unit = f.unit.toLowerCase();
    const line = { figure: f.figure, size: f.size, unit: f.unit, runs: Math.max(f.samples.sorot.length, f.samples.reference.length) };
    line[`sorot_${unit}`] = sorot;
    line[`reference_${unit}`] = reference;
    line.ratio = ratio;
    const target = TARGETS.find((t) => t.figure === f.figure && t.size === f.size);
    if (target) {
      line.target = target.text;
      line.verdict = sorot && ratio !== null ? (target.met({ sorot, ratio }, sorotOf) ? 'PASS' : 'MISS') : 'not measured';
    }
    const notes = [...f.notes].map(([text, runs]) => (runs > 1 ? `${text} (${runs} runs)` : text));
    for (const side of SIDES) {
      if (!f.samples[side].length && !notes.some((n) => n.startsWith(`${side}:`))) notes.push(`${side}: no samples`);
    }
    if (notes.length) line.notes = notes;
    return line;
  });
}

function table(lines) {
  const show = (s) => (s ? `${s.median} (${s.min}–${s.max})` : '—');
  const rows = [
    '| figure | size | unit | Sorot median (min–max) | reference median (min–max) | ratio | target | verdict |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const l of lines) {
    const unit = l.unit.toLowerCase();
    rows.push(`| ${l.figure} | ${l.size} | ${l.unit} | ${show(l[`sorot_${unit}`])} | ${show(l[`reference_${unit}`])} | ${l.ratio === null ? '—' : `${l.ratio}×`} | ${l.target ?? ''} | ${l.verdict ?? ''} |`);
  }
  return rows.join('\n');
}

function targetLines(lines) {
  return TARGETS.map((t) => {
    const l = lines.find((x) => x.figure === t.figure && x.size === t.size);
    if (!l) return `- not measured: ${t.figure} ${t.size} ${t.text}${QUICK ? ' (--quick runs only the smallest sizes)' : ''}`;
    return `- ${l.verdict}: ${t.figure} ${t.size} ${t.text} (ratio ${l.ratio ?? '—'}×)`;
  });
}

// ---- main ----------------------------------------------------------------

async function main() {
  const started = Date.now();
  console.log(`Sorot:     ${SOROT_URL}\nreference: ${REFERENCE_URL}\nruns: ${RUNS}${QUICK ? ' (--quick)' : ''}`);
  console.log('generating the workload…');
  const { articles, corpus } = writeWorkloads(path.join(OUT, 'data'), { quick: QUICK });
  for (const w of [...articles, corpus]) {
    console.log(`  ${path.relative(process.cwd(), w.file)}: ${w.documents} doc(s), ${w.chars} code points, ${w.spans} spans, ${(w.bytes / 1e6).toFixed(1)} MB`);
  }
  let browser = await launch();
  /** Runs `measure` on both pages, alternating which goes first so neither always starts cold. */
  const bothPages = async (run, workload, measure) => {
    for (const side of run % 2 ? [...SIDES].reverse() : SIDES) {
      await measure(browser, side, workload);
      if (!browser.isConnected()) {
        note('open', workload.size ?? workload, 'ms', `Chromium went away during a ${side} run (crashed, or was killed from outside); relaunched it`);
        browser = await launch();
      }
    }
  };
  try {
    for (let run = 0; run < RUNS; run++) {
      console.log(`start-up: run ${run + 1}/${RUNS}`);
      for (const how of Object.keys(STARTS)) await bothPages(run, how, startRun);
    }
    for (const workload of articles) {
      for (let run = 0; run < RUNS; run++) {
        console.log(`article ${workload.size}: run ${run + 1}/${RUNS}`);
        await bothPages(run, workload, articleRun);
      }
    }
    for (let run = 0; run < RUNS; run++) {
      console.log(`corpus ${corpus.size}: run ${run + 1}/${RUNS}`);
      await bothPages(run, corpus, corpusRun);
    }
    shippedBytes();
    const lines = summarize();
    const unmeasured = lines.filter((l) => l.notes).flatMap((l) => l.notes.map((n) => `- ${l.figure} (${l.size}): ${n}`));
    const report = [
      `## Sorot vs reference (${browser.version()}, ${RUNS} run${RUNS > 1 ? 's' : ''}${QUICK ? ', --quick' : ''})`,
      '',
      table(lines),
      '',
      'Targets:',
      ...targetLines(lines),
      '',
      unmeasured.length ? 'Notes (figures not measured, and why; other remarks):' : 'Every figure was measured.',
      ...unmeasured,
    ].join('\n');
    console.log(`\n${report}\n`);
    for (const l of lines) console.log(JSON.stringify(l));
    fs.mkdirSync(OUT, { recursive: true });
    const meta = {
      date: new Date().toISOString(), browser: browser.version(), runs: RUNS, quick: QUICK,
      seconds: Math.round((Date.now() - started) / 1000),
      workloads: [...articles, corpus].map(({ starts, ...w }) => ({ ...w, file: path.relative(OUT, w.file) })),
    };
    fs.writeFileSync(path.join(OUT, 'results.json'), `${JSON.stringify({ meta, figures: lines }, null, 1)}\n`);
    fs.writeFileSync(path.join(OUT, 'results.md'), `${report}\n`);
    console.log(`\nwrote ${path.join(OUT, 'results.json')} and results.md (${meta.seconds} s)`);
  } finally {
    await browser.close();
  }
}

await main();
