'use strict';
// What the extension bundle sees as 'undici' (see scripts/build.mjs): the same names as undici-lite.cjs,
// but the dispatchers (about 300 KB, two llhttp WASM builds among them) live in dist/undici.js and load
// on first use, that is when the first request is made. Activation never needs them, so the bundle
// VS Code loads at start stays small. Each name is a getter, which esbuild's module interop keeps lazy.
const NAMES = ['Dispatcher', 'Agent', 'Pool', 'ProxyAgent'];
let loaded;
function load() {
  if (loaded === undefined) loaded = require('./undici.js');
  return loaded;
}
for (const name of NAMES) {
  Object.defineProperty(module.exports, name, { enumerable: true, get: () => load()[name] });
}
