// Copies PostgreSQL in the page (PGlite, npm @electric-sql/pglite, from
// package-lock.json) into dist/pglite/: Trunk runs it after every build
// (`[[hooks]]` in Trunk.toml, with TRUNK_STAGING_DIR set), or
// `node scripts/copy-pglite.mjs DIR` copies into DIR/pglite/.
//
// The app loads `pglite/index.js` only when "PostgreSQL in the page" is
// switched on, so the normal bundle and first paint are unchanged. The
// files copied are the ones the browser can ask for: index.js and every
// module it imports, directly or not, and every file a module locates with
// `new URL("…", import.meta.url)` (pglite.wasm, pglite.data, initdb.wasm).
// Node-only extras (source maps, extensions, the CommonJS build) stay out.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'node_modules', '@electric-sql', 'pglite', 'dist');
const target = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!target) {
  console.error('copy-pglite: no target (TRUNK_STAGING_DIR unset and no DIR given)');
  process.exit(2);
}
if (!existsSync(join(from, 'index.js'))) {
  console.error(`copy-pglite: ${from}/index.js is missing: run npm ci (make installs it)`);
  process.exit(1);
}

const REFERENCES = [
  /\bfrom\s*"(\.[^"]+)"/g,
  /\bimport\s*"(\.[^"]+)"/g,
  /\bimport\(\s*"(\.[^"]+)"\s*\)/g,
  /new URL\(\s*"([^"/][^"]*|\.[^"]+)"\s*,\s*import\.meta\.url\s*\)/g,
];

// Its licence travels with it (Apache-2.0).
const wanted = new Set();
const queue = ['index.js', '../LICENSE'];
while (queue.length > 0) {
  const file = queue.pop();
  if (wanted.has(file)) continue;
  if (!existsSync(join(from, file))) {
    console.error(`copy-pglite: ${file}, named by PGlite's modules, is not in ${from}`);
    process.exit(1);
  }
  wanted.add(file);
  if (!file.endsWith('.js')) continue;
  const text = readFileSync(join(from, file), 'utf8');
  for (const pattern of REFERENCES) {
    for (const match of text.matchAll(pattern)) {
      queue.push(normalize(join(dirname(file), match[1])));
    }
  }
}

const out = join(target, 'pglite');
rmSync(out, { recursive: true, force: true });
let bytes = 0;
for (const file of [...wanted].sort()) {
  const to = join(out, file.startsWith('..') ? file.slice(3) : file);
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(join(from, file), to);
  bytes += readFileSync(join(from, file)).length;
}
console.log(`copy-pglite: ${wanted.size} files (${(bytes / 1e6).toFixed(1)} MB) into ${out}`);
