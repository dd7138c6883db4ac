'use strict';
// What the extension bundle takes from undici (esbuild aliases 'undici' here, see scripts/build.mjs): the
// dispatchers and the request API on them. The package root would also bundle fetch, WebSocket,
// EventSource, caches and mocks, which the extension never uses (about 300 KB of the bundle).
// Tests and the simulator run against the full package; the integration suite runs this bundle.
const Dispatcher = require('undici/lib/dispatcher/dispatcher');
const api = require('undici/lib/api');

// As undici's index.js does: every dispatcher gets request(), stream(), pipeline(), connect(), upgrade().
Object.assign(Dispatcher.prototype, api);

module.exports = {
  Dispatcher,
  Agent: require('undici/lib/dispatcher/agent'),
  Pool: require('undici/lib/dispatcher/pool'),
  ProxyAgent: require('undici/lib/dispatcher/proxy-agent'),
};
