import type { Agent, ProxyAgent } from 'undici';

export interface UndiciAgents {
  Agent: typeof Agent;
  ProxyAgent: typeof ProxyAgent;
}

/**
 * undici is loaded on the first request rather than at activation: it is most of the
 * extension by size, and activation should cost only what the Rooms view needs. The
 * bundle maps this require to dist/undici.js (see esbuild.js); unbundled code (unit tests)
 * gets the package itself.
 */
export function loadUndiciAgents(): UndiciAgents {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('undici') as UndiciAgents;
}
