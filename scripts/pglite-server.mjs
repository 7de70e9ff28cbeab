// PGlite's files for the browser tests and benchmarks: a small static
// server of node_modules/@electric-sql/pglite/dist on 127.0.0.1:PORT, with
// CORS open, so the app under test can start PGlite in its worker from
// there. (The test runner's own server sometimes never answers when a
// module graph asks it for several files at once.)
//
//   node scripts/pglite-server.mjs PORT -- COMMAND [ARGS...]
//
// (`make test` and `make bench` use port 18432, where the tests look:
// tests/browser/pglite_support.rs.)
//
// serves while COMMAND runs, then stops and exits with COMMAND's status.
import { spawn } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(new URL('..', import.meta.url)), 'node_modules/@electric-sql/pglite/dist');
const TYPES = {
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

const [port, dashes, command, ...args] = process.argv.slice(2);
if (!port || dashes !== '--' || !command) {
  console.error('usage: node scripts/pglite-server.mjs PORT -- COMMAND [ARGS...]');
  process.exit(2);
}

const server = createServer((request, response) => {
  const path = normalize(join(ROOT, decodeURIComponent(new URL(request.url, 'http://x').pathname)));
  const headers = { 'Access-Control-Allow-Origin': '*' };
  let size = -1;
  try {
    size = path.startsWith(ROOT + sep) ? statSync(path).size : -1;
  } catch {
    size = -1;
  }
  if (size < 0) {
    response.writeHead(404, headers).end('not found');
    return;
  }
  response.writeHead(200, {
    ...headers,
    'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
    'Content-Length': size,
  });
  createReadStream(path).pipe(response);
});
server.on('error', (error) => {
  console.error(`PGlite's test server could not listen on 127.0.0.1:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(Number(port), '127.0.0.1', () => {
  const child = spawn(command, args, { stdio: 'inherit' });
  const stop = (status) => {
    server.closeAllConnections();
    server.close(() => process.exit(status));
  };
  child.on('exit', (code, signal) => stop(code ?? (signal ? 1 : 0)));
  child.on('error', (error) => {
    console.error(`${command}: ${error.message}`);
    stop(1);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
});
