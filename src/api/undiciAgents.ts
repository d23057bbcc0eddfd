import type { Agent, ProxyAgent } from 'undici';

export interface UndiciAgents {
  Agent: typeof Agent;
  ProxyAgent: typeof ProxyAgent;
}

/**
 * undici is not part of the extension's bundle: it is most of the extension by size, and it
 * loads when it can overlap a wait (the session read, core/serverConnection.ts) or else on
 * the first request. The bundle maps this require to dist/undici.js (see esbuild.js);
 * unbundled code (unit tests) gets the package itself.
 */
export function loadUndiciAgents(): UndiciAgents {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('undici') as UndiciAgents;
}

/** Loads undici now, so that the first request need not; one that cannot load fails that request with its reason instead. */
export function preloadUndiciAgents(): void {
  try {
    loadUndiciAgents();
  } catch {
    // The first request loads it again and reports why it cannot.
  }
}
