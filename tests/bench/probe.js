// In-page instruments for the benchmark, injected before any page script
// (Playwright's addInitScript) into both Sorot and the reference page.
// Everything is timed on the page's own clock: an input's start is the
// event's timeStamp (when the browser received it, so time spent queued
// behind busy script counts), and its end is the next painted frame after
// the DOM shows the result — polled in requestAnimationFrame, then a
// MessageChannel message, which runs once that frame's style, layout and
// paint are done.
//
// The two pages differ only in their selectors, kept in ADAPTERS. Both
// render blocks carrying their code point start in `data-block`, text runs
// carrying `data-start`, and one or more span markers carrying `data-span`.
(() => {
  const ADAPTERS = {
    sorot: {
      /** On screen once the page has started: the seed article's text. */
      started: 'article.article .seg',
      article: 'article.article',
      block: '[data-block]',
      marker: '.tag[data-span]',
      markerOf: (id) => `.tag[data-span="${id}"]`,
      selectedOf: (id) => `.tag[data-span="${id}"].is-selected`,
      clickOf: (id) => `.seg[data-span="${id}"]`,
      plainRuns: (block) => block.querySelectorAll('.seg[data-start]:not(.has-span)'),
      allRuns: (block) => block.querySelectorAll('.seg[data-start]'),
    },
    reference: {
      started: 'input[type=file]',
      article: 'article.reference-article',
      block: 'p[data-block]',
      marker: 'mark[data-span]',
      markerOf: (id) => `mark[data-span="${id}"]`,
      selectedOf: (id) => `mark[data-span="${id}"].is-selected`,
      clickOf: (id) => `mark[data-span="${id}"]`,
      plainRuns: (block) => block.querySelectorAll(':scope > .run'),
      allRuns: (block) => block.querySelectorAll('.run'),
    },
  };

  const seen = { change: null, changes: 0, key: null, keys: 0, click: null, download: null, wasmMemories: [] };
  addEventListener('change', (e) => { seen.change = e.timeStamp; seen.changes++; }, true);
  addEventListener('keydown', (e) => { seen.key = e.timeStamp; seen.keys++; }, true);
  addEventListener('click', (e) => { seen.click = e.timeStamp; }, true);

  // Both pages save a file by clicking an <a download>; note when that happens.
  const anchorClick = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function click() {
    if (this.hasAttribute('download')) seen.download = performance.now();
    return anchorClick.call(this);
  };

  // Keep each WebAssembly instance's memory: Sorot's data lives there, not
  // in the JS heap, so a heap figure alone would flatter it.
  const keepMemory = (instance) => {
    const memory = instance?.exports?.memory;
    if (memory instanceof WebAssembly.Memory) seen.wasmMemories.push(memory);
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    if (!original) continue;
    WebAssembly[name] = async function instantiate(...args) {
      const result = await original.apply(this, args);
      keepMemory(result instanceof WebAssembly.Instance ? result : result?.instance);
      return result;
    };
  }
  WebAssembly.Instance = new Proxy(WebAssembly.Instance, {
    construct(target, args, newTarget) {
      const instance = Reflect.construct(target, args, newTarget);
      keepMemory(instance);
      return instance;
    },
  });

  /** Resolves with performance.now() once the current frame has been rendered. */
  const afterThisFrame = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  });

  /**
   * Checks `condition` at the start of every frame; once it returns a
   * truthy value, resolves with { value, paintedAt } after that frame.
   */
  function untilPainted(condition, timeoutMs, what) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`)), timeoutMs);
      const tick = () => {
        let value;
        try {
          value = condition();
        } catch (error) {
          clearTimeout(timer);
          reject(error);
          return;
        }
        if (!value) {
          requestAnimationFrame(tick);
          return;
        }
        clearTimeout(timer);
        afterThisFrame().then((paintedAt) => resolve({ value, paintedAt }));
      };
      requestAnimationFrame(tick);
    });
  }

  /** How many of the sorted `starts` lie in [from, to). */
  function countBetween(starts, from, to) {
    const lowerBound = (value) => {
      let low = 0, high = starts.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (starts[mid] < value) low = mid + 1; else high = mid;
      }
      return low;
    };
    return lowerBound(to) - lowerBound(from);
  }

  /** The blocks of `blocks` (in document order) that intersect the viewport. */
  function blocksInView(blocks) {
    let low = 0, high = blocks.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (blocks[mid].getBoundingClientRect().bottom <= 0) low = mid + 1; else high = mid;
    }
    const visible = [];
    for (let i = low; i < blocks.length; i++) {
      if (blocks[i].getBoundingClientRect().top >= innerHeight) break;
      visible.push(i);
    }
    return visible;
  }

  const markerIds = (element, a) => new Set([...element.querySelectorAll(a.marker)].map((m) => m.dataset.span));

  /**
   * Whether the document titled `title` is shown with every span that
   * starts in a block in view painted, `starts` being all its span starts.
   */
  function openedInView(a, { title, starts }) {
    const root = document.querySelector(a.article);
    const blocks = root ? root.querySelectorAll(a.block) : [];
    if (!blocks.length || !blocks[0].textContent.startsWith(title)) return false;
    const visible = blocksInView(blocks);
    for (const i of visible) {
      const from = Number(blocks[i].dataset.block);
      const to = i + 1 < blocks.length ? Number(blocks[i + 1].dataset.block) : Infinity;
      if (markerIds(blocks[i], a).size < countBetween(starts, from, to)) return false;
    }
    return visible.length > 0;
  }

  /** A problem the page shows instead of opening the file, if any. */
  function shownProblem() {
    return document.querySelector('[role=alert]')?.textContent?.trim() || null;
  }

  const api = {
    ADAPTERS,
    seen,

    /**
     * Starts watching for the next file opened through the file input;
     * `opened()` then resolves with the milliseconds from its `change`
     * event to the first painted frame showing the document's spans in view.
     */
    watchOpen(kind, expect, timeoutMs) {
      const a = ADAPTERS[kind];
      const changesBefore = seen.changes;
      api.pending = untilPainted(() => {
        if (seen.changes === changesBefore) return false;
        const problem = shownProblem();
        if (problem) throw new Error(`the page reported: ${problem}`);
        const first = document.querySelector(`${a.article} ${a.block}`)?.textContent ?? '';
        if (first.startsWith('{"format"')) throw new Error('the page opened the JSON file as plain text');
        return openedInView(a, expect);
      }, timeoutMs, `${expect.title} to show its spans in view`).then(({ paintedAt }) => paintedAt - seen.change);
    },

    /**
     * Selects a whole lower-case word of at least 5 letters in text outside
     * any span (or, with `inSpans`, anywhere), in the block nearest the
     * middle of the viewport (or in a block picked by `random`, a number in
     * [0, 1)). Returns the block's start, the word, and the span ids
     * already marked in the block.
     */
    selectWord(kind, random = null, { inSpans = false } = {}) {
      const a = ADAPTERS[kind];
      const root = document.querySelector(a.article);
      const blocks = [...root.querySelectorAll(a.block)];
      let order;
      if (random === null) {
        const middle = innerHeight / 2;
        const distance = (b) => { const r = b.getBoundingClientRect(); return Math.abs((r.top + r.bottom) / 2 - middle); };
        order = blocksInView(blocks).map((i) => blocks[i]).sort((x, y) => distance(x) - distance(y));
      } else {
        const first = Math.floor(random * blocks.length);
        order = [...blocks.slice(first), ...blocks.slice(0, first)];
      }
      for (const block of order) {
        const candidates = [];
        for (const run of inSpans ? a.allRuns(block) : a.plainRuns(block)) {
          const text = run.firstChild;
          if (!text || text.nodeType !== Node.TEXT_NODE) continue;
          for (const match of text.data.matchAll(/(?<=^|\s)[a-z]{5,}(?=\s|$)/g)) candidates.push({ text, match });
        }
        if (!candidates.length) continue;
        const { text, match } = candidates[random === null ? Math.floor(candidates.length / 2) : Math.floor(random * 7919) % candidates.length];
        const range = document.createRange();
        range.setStart(text, match.index);
        range.setEnd(text, match.index + match[0].length);
        const selection = getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        return { block: block.dataset.block, word: match[0], before: [...markerIds(block, a)] };
      }
      return null;
    },

    /**
     * Starts watching for the next key press to take effect; `pending`
     * then resolves with { ms, value }. `change` is one of
     *   { kind: 'create', block, before } -> value: the new span id
     *   { kind: 'relabel', id, label } | { kind: 'delete', id } | { kind: 'restore', id }
     */
    watchKey(kind, change, timeoutMs) {
      const a = ADAPTERS[kind];
      const root = document.querySelector(a.article);
      const keysBefore = seen.keys;
      const marker = (id) => root.querySelector(a.markerOf(id));
      const conditions = {
        create: () => {
          const block = root.querySelector(`${a.block}[data-block="${change.block}"]`);
          const before = new Set(change.before);
          return block && [...markerIds(block, a)].find((id) => !before.has(id));
        },
        relabel: () => marker(change.id)?.dataset.label === change.label && change.id,
        delete: () => !marker(change.id) && change.id,
        restore: () => Boolean(marker(change.id)) && change.id,
      };
      api.pending = untilPainted(() => seen.keys > keysBefore && conditions[change.kind](), timeoutMs, `the ${change.kind} to show`)
        .then(({ value, paintedAt }) => ({ ms: paintedAt - seen.key, value }));
    },

    /**
     * Scrolls the page from top to bottom one viewport per frame and
     * returns the frame intervals seen: the longest, and how many were
     * over 16.7 ms, i.e. missed a 60 Hz frame. Frame times are coarsened to
     * 0.1 ms and jitter by about ±0.2 ms around 16.67, so an interval counts
     * as long from 17.7 ms; a missed frame shows as 33.3 ms or more anyway.
     */
    async scrollThrough() {
      const scroller = document.scrollingElement;
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      scroller.scrollTop = 0;
      await frame();
      let last = await frame();
      const intervals = [];
      let atBottom = false;
      while (!atBottom) {
        scroller.scrollTop += innerHeight;
        atBottom = scroller.scrollTop + innerHeight >= scroller.scrollHeight - 1;
        const now = await frame();
        intervals.push(now - last);
        last = now;
      }
      const now = await frame(); // the frame that shows the bottom
      intervals.push(now - last);
      scroller.scrollTop = 0;
      return { frames: intervals.length, longest: Math.max(...intervals), over: intervals.filter((ms) => ms > 16.7 + 1).length };
    },

    /** Starts a 50 ms heartbeat; `stopHeartbeat()` returns its longest gap. */
    startHeartbeat() {
      let last = performance.now();
      api.heartbeat = { longest: 0, last };
      api.heartbeat.timer = setInterval(() => {
        const now = performance.now();
        api.heartbeat.longest = Math.max(api.heartbeat.longest, now - api.heartbeat.last);
        api.heartbeat.last = now;
      }, 50);
      seen.download = null;
      seen.click = null;
      seen.change = null;
    },

    stopHeartbeat() {
      clearInterval(api.heartbeat.timer);
      return Math.max(api.heartbeat.longest, performance.now() - api.heartbeat.last);
    },

    /** Bytes of WebAssembly memory the page's instances hold. */
    wasmBytes() {
      return seen.wasmMemories.reduce((sum, memory) => sum + memory.buffer.byteLength, 0);
    },
  };
  // The start: from navigation (performance.now() counts from it) to the
  // first painted frame showing what the page starts with.
  const startSelector = Object.values(ADAPTERS).map((a) => a.started).join(', ');
  api.started = untilPainted(() => document.querySelector(startSelector), 60_000, 'the page to start').then((s) => s.paintedAt);
  window.__bench = api;
})();
