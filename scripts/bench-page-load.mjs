// Time from navigation to an interactive page, for `make bench`.
//
// Usage: node scripts/bench-page-load.mjs DIST_DIR [RUNS]   (RUNS default 10)
//
// Serves DIST_DIR (the release build) on 127.0.0.1 with `Cache-Control:
// no-store`, drives headless Chromium through chromedriver (CHROMEDRIVER,
// default /usr/bin/chromedriver; the flags of webdriver.json) and, for each
// run, navigates a fresh page to it as a first visit (local storage cleared
// before the page's own scripts run, nothing cached). A script injected at
// document start (DevTools `Page.addScriptToEvaluateOnNewDocument`) watches
// the DOM:
//   - first_render: the `CustomerConfirmedMenu` button is in the DOM;
//   - interactive: the button was clicked (as soon as it appeared, again
//     every 10 ms until it works) and the Streams panel shows the event.
// Times are `performance.now()`, i.e. milliseconds since navigation start.
// The first run is reported on its own too (`interactive_first_ms`): it is
// the browser's first page, with a cold renderer.
// Prints one JSON line; exits non-zero if a run never became interactive.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { serve, startBrowser } from './webdriver.mjs';

const dist = resolve(process.argv[2] ?? 'dist');
const runs = Number.parseInt(process.argv[3] ?? '10', 10);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`bench-page-load: RUNS must be a positive whole number, not ${process.argv[3]}`);
  process.exit(2);
}

// Runs in the page before any of its own scripts.
const WATCH = `(() => {
  try { localStorage.clear(); } catch (error) {}
  const marks = (window.__esBench = {});
  const button = () => [...document.querySelectorAll('button')]
    .find((b) => b.textContent.trim() === 'CustomerConfirmedMenu');
  const shown = () => {
    const streams = document.querySelector('section[aria-label="Streams"]');
    return !!streams && /[1-9][0-9]* events?\\b/.test(streams.textContent);
  };
  let lastClick = -Infinity;
  const check = () => {
    if (marks.interactive !== undefined) return;
    const b = button();
    if (!b) return;
    const now = performance.now();
    if (marks.first_render === undefined) marks.first_render = now;
    if (shown()) {
      marks.interactive = now;
      observer.disconnect();
      clearInterval(timer);
      return;
    }
    if (now - lastClick >= 10) {
      lastClick = now;
      marks.clicks = (marks.clicks ?? 0) + 1;
      b.click();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  const timer = setInterval(check, 5);
})();`;

// Waits (in the page) until the page is interactive; returns the marks.
const COLLECT = `const done = arguments[arguments.length - 1];
const started = Date.now();
(function poll() {
  const marks = window.__esBench ?? {};
  if (marks.interactive !== undefined || Date.now() - started > 60000) {
    const nav = performance.getEntriesByType('navigation')[0];
    done({
      ...marks,
      response_end: nav ? nav.responseEnd : null,
      dom_content_loaded: nav ? nav.domContentLoadedEventEnd : null,
      load_event: nav ? nav.loadEventEnd : null,
    });
  } else {
    setTimeout(poll, 10);
  }
})();`;

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { median: null, p95: null, max: null };
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const rank = Math.max(1, Math.ceil((n * 95) / 100));
  return { median, p95: sorted[rank - 1], max: sorted[n - 1] };
}

const round = (x) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);

async function main() {
  readFileSync(join(dist, 'index.html')); // fails early without a build
  const server = await serve(dist);
  const pagePort = server.address().port;
  let browser;
  try {
    browser = await startBrowser();
    const { send, cdp } = browser;
    await send('POST', '/timeouts', { script: 90000, pageLoad: 90000 });
    await cdp('Page.addScriptToEvaluateOnNewDocument', { source: WATCH });
    const url = `http://127.0.0.1:${pagePort}/index.html`;
    const results = [];
    for (let run = 0; run < runs; run += 1) {
      await send('POST', '/url', { url: 'about:blank' });
      await send('POST', '/url', { url });
      const marks = await send('POST', '/execute/async', { script: COLLECT, args: [] });
      if (marks.interactive === undefined) {
        throw new Error(`run ${run + 1}: the page never became interactive (${JSON.stringify(marks)})`);
      }
      results.push(marks);
    }
    const pick = (key) => results.map((r) => r[key]).filter((x) => typeof x === 'number');
    const interactive = summary(pick('interactive'));
    const firstRender = summary(pick('first_render'));
    console.log(JSON.stringify({
      system: 'es-playground',
      runtime: 'chromium',
      phase: 'page-load',
      runs,
      interactive_median_ms: round(interactive.median),
      interactive_p95_ms: round(interactive.p95),
      interactive_max_ms: round(interactive.max),
      interactive_first_ms: round(results[0].interactive),
      first_render_median_ms: round(firstRender.median),
      dom_content_loaded_median_ms: round(summary(pick('dom_content_loaded')).median),
      load_event_median_ms: round(summary(pick('load_event')).median),
      clicks_until_interactive_max: Math.max(...pick('clicks')),
    }));
  } finally {
    if (browser) await browser.close();
    server.close();
  }
}

main().catch((error) => {
  console.error(`bench-page-load: ${error.message}`);
  process.exit(1);
});
