// Writes dist/es-playground-offline.html: the whole release build in one file.
//
// Browsers refuse to load module scripts and to fetch the .wasm from file://
// URLs, so the normal dist/ only works behind a web server. This file inlines
// the stylesheet, the JavaScript glue and the WebAssembly (base64), so it
// opens from a file share or a laptop by double-click, with no server at all.
// Usage: node scripts/single-file.mjs [dist]
import { readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { join } from "node:path";

const dist = process.argv[2] ?? "dist";
const fail = (message) => {
  console.error(`ERROR: single-file bundle: ${message}`);
  process.exit(1);
};
const one = (test, what) => {
  const found = readdirSync(dist).filter(test);
  if (found.length !== 1) fail(`expected one ${what} in ${dist}, found ${found.length}`);
  return join(dist, found[0]);
};

let glue = readFileSync(one((f) => /^es-playground-[0-9a-f]+\.js$/.test(f), "JavaScript glue"), "utf8");
const wasm = readFileSync(one((f) => /^es-playground-[0-9a-f]+_bg\.wasm$/.test(f), ".wasm")).toString("base64");
const css = readFileSync(one((f) => /^style-[0-9a-f]+\.css$/.test(f), "stylesheet"), "utf8");
const icon = readFileSync(one((f) => /^favicon-[0-9a-f]+\.svg$/.test(f), "icon")).toString("base64");

// The glue is an ES module ending in `export { initSync, __wbg_init as default };`.
// Inside one inline module script that line is not needed: init is called directly.
const exportLine = /^export \{[^}]*\};\s*$/m;
if (!exportLine.test(glue)) fail("the wasm-bindgen glue has no export line where one was expected");
glue = glue.replace(exportLine, "");
if (/<\/script/i.test(glue) || /<\/style/i.test(css)) fail("a script or style would close its tag early");

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>es-playground · process managers on an event store (offline file)</title>
    <link rel="icon" href="data:image/svg+xml;base64,${icon}" />
    <style>${css}</style>
  </head>
  <body>
    <noscript>es-playground runs in your browser as WebAssembly: please enable JavaScript.</noscript>
    <script type="module">
${glue}
const wasmBytes = Uint8Array.from(atob("${wasm}"), (c) => c.charCodeAt(0));
await __wbg_init({ module_or_path: wasmBytes });
    </script>
  </body>
</html>
`;
const out = join(dist, "es-playground-offline.html");
writeFileSync(out, page);
console.log(`single-file bundle: ${out} (${statSync(out).size} bytes)`);
