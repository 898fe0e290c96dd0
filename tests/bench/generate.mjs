// The benchmark's workload, generated deterministically from a seeded PRNG:
// articles of 10k, 100k and 1M code points with 100, 1,000 and 10,000 spans,
// and a corpus of many short documents, as Sorot JSON (and the corpus also
// as JSONL). The text looks like Indonesian news with the characters that
// break offset arithmetic mixed in: accents, CJK, emoji ZWJ sequences, NBSP.
//
// All offsets are code points, end exclusive (Python's text[start:end]).
// About 20% of the spans contain another span; spans never cross a
// paragraph, and are sorted by (start, end, label) with ids 1..N.
//
// Run directly to write the files: node generate.mjs [--out DIR] [--quick]
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LABELS = ['ACTOR', 'VICTIM_COUNT', 'LOCATION', 'POLICY_CALL'];

/** The article sizes: name, code points, spans. */
export const ARTICLES = [
  { size: '10k', chars: 10_000, spans: 100 },
  { size: '100k', chars: 100_000, spans: 1_000 },
  { size: '1M', chars: 1_000_000, spans: 10_000 },
];

/** The corpus: documents of about 3 KB with a few spans each. */
export const CORPUS = { documents: 10_000, quickDocuments: 1_000, chars: 2_300, minSpans: 3, maxSpans: 6 };

const SEED = 0x50_52_07;

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (rng, items) => items[Math.floor(rng() * items.length)];
const between = (rng, low, high) => low + Math.floor(rng() * (high - low + 1));
const codePoints = (s) => Array.from(s).length;

const COMMON = [
  'yang', 'dan', 'di', 'untuk', 'dengan', 'dalam', 'pada', 'dari', 'oleh', 'akan', 'tidak', 'juga',
  'pemerintah', 'korban', 'warga', 'polisi', 'kota', 'menurut', 'laporan', 'sekretaris', 'jenderal',
  'perdagangan', 'orang', 'negara', 'kawasan', 'menteri', 'daerah', 'masyarakat', 'kebijakan',
  'perlindungan', 'pekerja', 'migran', 'bantuan', 'keamanan', 'penyelidikan', 'pengadilan',
];
const PREFIXES = ['me', 'mem', 'men', 'ber', 'di', 'ke', 'pe', 'pen', 'ter', ''];
const SYLLABLES = ['ka', 'ma', 'ta', 'ri', 'su', 'lo', 'ngan', 'pa', 'da', 'si', 'wa', 'ja', 'ba', 'ra', 'hu', 'tu', 'la', 'nya'];
const SUFFIXES = ['kan', 'an', 'nya', 'lah', 'i', '', '', ''];
const ACCENTED = ['café', 'Présiden', 'élite', 'Sévérine', 'Müller', 'São', 'Zoë', 'naïf', 'coöperasi'];
const CJK = ['東京', '中国', '北京', '雅加达', '人口贩卖', '대한민국'];
const EMOJI = ['👨‍👩‍👧', '🇮🇩', '💩', '👍🏽', '🤝'];
const PLACES = ['Jakarta', 'Surabaya', 'Medan', 'Makassar', 'Kupang', 'Batam', 'Pontianak', 'Denpasar'];

/** One word of running text (without punctuation). */
function word(rng) {
  const roll = rng();
  if (roll < 0.03) return pick(rng, ACCENTED);
  if (roll < 0.045) return pick(rng, CJK);
  if (roll < 0.055) return pick(rng, EMOJI);
  if (roll < 0.075) return `${between(rng, 2, 900)}\u00a0${pick(rng, ['orang', 'korban', 'juta', 'persen'])}`;
  if (roll < 0.1) return pick(rng, PLACES);
  if (roll < 0.5) return pick(rng, COMMON);
  let made = pick(rng, PREFIXES);
  for (let i = between(rng, 1, 3); i > 0; i--) made += pick(rng, SYLLABLES);
  return made + pick(rng, SUFFIXES);
}

/**
 * A text of about `chars` code points: a title line, a blank line, then
 * paragraphs of 300–900 code points separated by blank lines. Returns the
 * text and its words as code point ranges, grouped by paragraph.
 */
function article(rng, title, chars) {
  const pieces = [title];
  let offset = codePoints(title);
  const paragraphs = [];
  while (offset < chars) {
    pieces.push('\n\n');
    offset += 2;
    const target = between(rng, 300, 900);
    const words = [];
    let length = 0;
    let sentenceStart = true;
    while (length < target) {
      if (words.length > 0) {
        pieces.push(' ');
        length += 1;
      }
      let w = word(rng);
      if (sentenceStart) w = w[0].toUpperCase() + w.slice(1);
      const start = offset + length;
      const size = codePoints(w);
      words.push({ start, end: start + size });
      pieces.push(w);
      length += size;
      sentenceStart = rng() < 0.08;
      const punctuation = sentenceStart ? '.' : rng() < 0.07 ? ',' : '';
      pieces.push(punctuation);
      length += punctuation.length;
    }
    if (!pieces[pieces.length - 1].endsWith('.')) {
      pieces.push('.');
      length += 1;
    }
    offset += length;
    paragraphs.push(words);
  }
  return { text: pieces.join(''), paragraphs };
}

/**
 * `count` spans over whole words: 20% are outer spans of 3–5 words that
 * contain a 1–2 word inner span, the rest single spans of 1–3 words. Each
 * group gets its own window of words, so groups never overlap each other.
 */
function placeSpans(rng, paragraphs, count) {
  const words = paragraphs.flatMap((ws, paragraph) => ws.map((w) => ({ ...w, paragraph })));
  const nested = Math.round(count * 0.2);
  const groups = [...Array(nested).fill('nested'), ...Array(count - 2 * nested).fill('single')];
  for (let i = groups.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [groups[i], groups[j]] = [groups[j], groups[i]];
  }
  const window = Math.floor(words.length / groups.length);
  if (window < 7) throw new Error(`${count} spans do not fit in ${words.length} words`);
  const spans = [];
  const range = (from, length) => ({ start: words[from].start, end: words[from + length - 1].end });
  const sameParagraph = (from, length) => words[from].paragraph === words[from + length - 1].paragraph;
  groups.forEach((kind, g) => {
    const base = g * window;
    const length = kind === 'nested' ? between(rng, 3, 5) : between(rng, 1, 3);
    // Any start that keeps the group inside one paragraph and leaves the
    // window's last word free; a window holds at most one paragraph break.
    const starts = [];
    for (let p = base; p < base + window - length; p++) if (sameParagraph(p, length)) starts.push(p);
    const from = pick(rng, starts);
    const label = pick(rng, LABELS);
    spans.push({ ...range(from, length), label });
    if (kind === 'nested') {
      const innerLength = between(rng, 1, Math.min(2, length - 1));
      const innerFrom = from + Math.floor(rng() * (length - innerLength + 1));
      spans.push({ ...range(innerFrom, innerLength), label: pick(rng, LABELS) });
    }
  });
  return spans;
}

/** Sorts spans by (start, end, label), numbers them and adds their text. */
function finishSpans(text, spans) {
  const units = [0];
  for (const ch of text) units.push(units[units.length - 1] + ch.length);
  const slice = (start, end) => text.slice(units[start], units[end]);
  return spans
    .sort((a, b) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
    .map((span, i) => ({ id: i + 1, start: span.start, end: span.end, label: span.label, text: slice(span.start, span.end) }));
}

/** One Sorot document with `spans` spans over about `chars` code points. */
export function makeDocument({ id, title, chars, spans, seed }) {
  const rng = prng(seed);
  const { text, paragraphs } = article(rng, title, chars);
  return { id, title, text, spans: finishSpans(text, placeSpans(rng, paragraphs, spans)) };
}

/** A Sorot JSON file holding `documents`. */
export function sorotFile(documents) {
  return { format: 'sorot', version: 1, offset_unit: 'codepoint', labels: LABELS, documents };
}

/** The JSONL form: one `{"id","text","spans":[{"start","end","label"}]}` per line. */
export function jsonl(documents) {
  return documents
    .map((d) => JSON.stringify({ id: d.id, text: d.text, spans: d.spans.map(({ start, end, label }) => ({ start, end, label })) }))
    .join('\n') + '\n';
}

/** The benchmark article of one size. */
export function makeArticle({ size, chars, spans }) {
  return makeDocument({
    id: `bench-${size.toLowerCase()}`,
    title: `Laporan Khusus: Perdagangan Orang di Kawasan ASEAN (bench ${size})`,
    chars,
    spans,
    seed: SEED + chars,
  });
}

/** The corpus of `count` short documents. */
export function makeCorpus(count) {
  const rng = prng(SEED ^ count);
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(5, '0');
    return makeDocument({
      id: `corpus-${n}`,
      title: `Berita ${n}: ${pick(rng, PLACES)} dan ${pick(rng, COMMON)}`,
      chars: CORPUS.chars,
      spans: between(rng, CORPUS.minSpans, CORPUS.maxSpans),
      seed: SEED + 7919 * (i + 1),
    });
  });
}

/**
 * Writes the workload files into `dir` and describes them: for each
 * article its file, size, title and sorted span starts (what the
 * benchmark's in-page checks expect to see rendered).
 */
export function writeWorkloads(dir, { quick = false } = {}) {
  fs.mkdirSync(dir, { recursive: true });
  const articles = (quick ? ARTICLES.slice(0, 1) : ARTICLES).map((spec) => {
    const doc = makeArticle(spec);
    const file = path.join(dir, `article-${spec.size}.json`);
    fs.writeFileSync(file, JSON.stringify(sorotFile([doc])));
    return describe(spec.size, file, [doc]);
  });
  const count = quick ? CORPUS.quickDocuments : CORPUS.documents;
  const docs = makeCorpus(count);
  const corpusFile = path.join(dir, `corpus-${count}.json`);
  fs.writeFileSync(corpusFile, JSON.stringify(sorotFile(docs)));
  const jsonlFile = path.join(dir, `corpus-${count}.jsonl`);
  fs.writeFileSync(jsonlFile, jsonl(docs));
  const corpus = { ...describe(`${count.toLocaleString('en')} docs`, corpusFile, docs), jsonlFile };
  return { articles, corpus };
}

function describe(size, file, docs) {
  const first = docs[0];
  return {
    size,
    file,
    bytes: fs.statSync(file).size,
    documents: docs.length,
    chars: docs.reduce((sum, d) => sum + codePoints(d.text), 0),
    spans: docs.reduce((sum, d) => sum + d.spans.length, 0),
    title: first.title,
    starts: first.spans.map((s) => s.start),
    digest: digest(docs),
  };
}

/**
 * A fingerprint of documents' ids, texts and spans (start, end, label),
 * so an exported file can be checked against what was opened without
 * keeping the documents around. Span ids, span order and titles are left out.
 */
export function digest(docs) {
  const hash = crypto.createHash('sha256');
  for (const d of docs) {
    const spans = d.spans.map((s) => [s.start, s.end, s.label]).sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
    hash.update(JSON.stringify([d.id, d.text, spans]));
  }
  return hash.digest('hex');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : path.resolve('../../target/bench/data');
  const { articles, corpus } = writeWorkloads(out, { quick: args.includes('--quick') });
  for (const w of [...articles, corpus]) {
    console.log(`${w.file}: ${w.documents} document(s), ${w.chars} code points, ${w.spans} spans, ${w.bytes} bytes`);
  }
  console.log(`${corpus.jsonlFile}: the same corpus as JSONL`);
}
