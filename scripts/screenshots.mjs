// Screenshots of the built app, to look at before calling a UI change done.
//
// Usage: node scripts/screenshots.mjs DIST_DIR OUT_DIR NAME [--click TEXT | --type LABEL=VALUE | --wait MS | --scroll SELECTOR]... [--sizes WxH,...] [--full]
//
// For each size (default 1440x900, 1280x720 and 390x844) and theme (light,
// dark: the app's saved choice and the system's `prefers-color-scheme`, both
// set before the page's scripts run), opens a fresh page on DIST_DIR, clicks
// the buttons named by each --click and fills the fields named by each
// --type in turn (a button whose text or aria-label is TEXT; a field whose
// label starts with LABEL; --wait pauses, --scroll brings the element a CSS
// selector names into view), and writes OUT_DIR/NAME-WxH-THEME.png (the viewport:
// what a projector shows; with --full, the whole page). Exits non-zero if a button is not found.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { serve, sleep, startBrowser } from './webdriver.mjs';

const [distArg, outArg, name, ...rest] = process.argv.slice(2);
if (!distArg || !outArg || !name) {
  console.error('usage: node scripts/screenshots.mjs DIST_DIR OUT_DIR NAME [--click TEXT | --type LABEL=VALUE | --wait MS | --scroll SELECTOR]... [--sizes WxH,...] [--full]');
  process.exit(2);
}
const dist = resolve(distArg);
const out = resolve(outArg);
const clicks = [];
let sizes = ['1440x900', '1280x720', '390x844'];
let full = false;
for (let i = 0; i < rest.length; i += 2) {
  if (rest[i] === '--full') {
    full = true;
    i -= 1;
  } else if (rest[i] === '--click') clicks.push({ click: rest[i + 1] });
  else if (rest[i] === '--wait') clicks.push({ wait: Number(rest[i + 1]) });
  else if (rest[i] === '--scroll') clicks.push({ scroll: rest[i + 1] });
  else if (rest[i] === '--type') {
    const at = rest[i + 1].indexOf('=');
    clicks.push({ label: rest[i + 1].slice(0, at), value: rest[i + 1].slice(at + 1) });
  }
  else if (rest[i] === '--sizes') sizes = rest[i + 1].split(',');
  else {
    console.error(`screenshots: unknown option ${rest[i]}`);
    process.exit(2);
  }
}

const prepare = (dark) => `(() => {
  try { localStorage.clear(); localStorage.setItem('es-playground/dark', '${dark}'); } catch (error) {}
})();`;

const CLICK = `const [text, done] = arguments;
const started = Date.now();
(function poll() {
  const button = [...document.querySelectorAll('button, [role="button"], summary')]
    .find((b) => b.textContent.trim() === text || b.getAttribute('aria-label') === text);
  if (button) { button.click(); done(true); }
  else if (Date.now() - started > 20000) done(false);
  else setTimeout(poll, 50);
})();`;

const TYPE = `const [label, value, done] = arguments;
const field = [...document.querySelectorAll('label')]
  .find((l) => l.textContent.trim().startsWith(label))?.querySelector('input');
if (!field) { done(false); return; }
field.value = value;
field.dispatchEvent(new Event('input', { bubbles: true }));
field.dispatchEvent(new Event('change', { bubbles: true }));
done(true);`;

async function main() {
  readFileSync(join(dist, 'index.html'));
  mkdirSync(out, { recursive: true });
  const server = await serve(dist);
  const url = `http://127.0.0.1:${server.address().port}/index.html`;
  let browser;
  try {
    browser = await startBrowser();
    const { send, cdp } = browser;
    await send('POST', '/timeouts', { script: 60000, pageLoad: 60000 });
    for (const size of sizes) {
      const [width, height] = size.split('x').map(Number);
      for (const dark of [false, true]) {
        const theme = dark ? 'dark' : 'light';
        await send('POST', '/url', { url: 'about:blank' });
        const { identifier } = await cdp('Page.addScriptToEvaluateOnNewDocument', { source: prepare(dark) });
        await cdp('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: width < 600 });
        await cdp('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: theme }] });
        await send('POST', '/url', { url });
        for (const step of clicks) {
          if (step.wait) {
            await sleep(step.wait);
            continue;
          }
          if (step.scroll) {
            await send('POST', '/execute/sync', { script: 'document.querySelector(arguments[0])?.scrollIntoView()', args: [step.scroll] });
            continue;
          }
          const found = step.click
            ? await send('POST', '/execute/async', { script: CLICK, args: [step.click] })
            : await send('POST', '/execute/async', { script: TYPE, args: [step.label, step.value] });
          if (!found) throw new Error(step.click ? `no button named "${step.click}"` : `no field labelled "${step.label}"`);
          await sleep(150);
        }
        await sleep(400);
        const shot = { format: 'png' };
        if (full) {
          const { cssContentSize } = await cdp('Page.getLayoutMetrics');
          shot.captureBeyondViewport = true;
          shot.clip = { x: 0, y: 0, width, height: Math.ceil(cssContentSize.height), scale: 1 };
        }
        const { data } = await cdp('Page.captureScreenshot', shot);
        const file = join(out, `${name}-${size}-${theme}.png`);
        writeFileSync(file, Buffer.from(data, 'base64'));
        console.log(file);
        await cdp('Page.removeScriptToEvaluateOnNewDocument', { identifier });
      }
    }
  } finally {
    if (browser) await browser.close();
    server.close();
  }
}

main().catch((error) => {
  console.error(`screenshots: ${error.message}`);
  process.exit(1);
});
