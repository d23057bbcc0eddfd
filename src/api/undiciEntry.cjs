'use strict';
// Entry of dist/undici.js (see esbuild.js): only the connection pools our client uses, with
// undici's request API attached the way undici's own index.js does it. The full index also
// carries fetch, WebSocket, caching and mocks, which would triple the extension's size.
const Dispatcher = require('undici/lib/dispatcher/dispatcher');
Object.assign(Dispatcher.prototype, require('undici/lib/api'));

module.exports = {
  Agent: require('undici/lib/dispatcher/agent'),
  ProxyAgent: require('undici/lib/dispatcher/proxy-agent'),
};
