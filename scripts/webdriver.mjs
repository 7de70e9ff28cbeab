// Shared plumbing of the scripts that drive headless Chromium through
// chromedriver: a static server for `dist/`, a WebDriver session with the
// flags of webdriver.json, and a tidy shutdown. Used by bench-page-load.mjs
// and screenshots.mjs.
import { spawn } from 'node:child_process';
import { readFile, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { extname, join, normalize } from 'node:path';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.data': 'application/octet-stream',
};

/** Serves `root` on 127.0.0.1 (a free port) with `Cache-Control: no-store`. */
export function serve(root) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file, (error, body) => {
      if (error) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, {
        'Content-Type': types[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
      });
      response.end(body);
    });
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

function freePort() {
  return new Promise((done, fail) => {
    const probe = createNetServer();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

async function call(base, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const reply = await response.json();
  if (!response.ok) {
    throw new Error(`${method} ${path}: ${JSON.stringify(reply.value ?? reply)}`);
  }
  return reply.value;
}

/**
 * Starts chromedriver (CHROMEDRIVER, default /usr/bin/chromedriver) and one
 * browser session with webdriver.json's flags. Returns `{ send, cdp, close }`:
 * `send(method, path, body)` calls the session's WebDriver endpoint (`path`
 * is relative to `/session/{id}`), `cdp(cmd, params)` a DevTools command.
 */
export async function startBrowser() {
  const chromedriver = process.env.CHROMEDRIVER || '/usr/bin/chromedriver';
  const port = await freePort();
  const driver = spawn(chromedriver, [`--port=${port}`], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  let id;
  const close = async () => {
    if (id) await call(base, 'DELETE', `/session/${id}`).catch(() => {});
    driver.kill();
  };
  try {
    for (let tries = 0; ; tries += 1) {
      try {
        if ((await call(base, 'GET', '/status')).ready) break;
      } catch (error) {
        if (tries > 100) throw new Error(`chromedriver did not start: ${error.message}`);
      }
      await sleep(100);
    }
    const options = JSON.parse(readFileSync(new URL('../webdriver.json', import.meta.url)));
    id = (await call(base, 'POST', '/session', {
      capabilities: { alwaysMatch: { browserName: 'chrome', ...options } },
    })).sessionId;
  } catch (error) {
    await close();
    throw error;
  }
  const send = (method, path, body) => call(base, method, `/session/${id}${path}`, body);
  const cdp = (cmd, params = {}) => send('POST', '/goog/cdp/execute', { cmd, params });
  return { send, cdp, close };
}
