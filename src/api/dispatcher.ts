import { rootCertificates } from 'node:tls';
import type { Dispatcher } from 'undici';
import { bypassesProxy } from './noProxy';
import type { ParsedBaseUrl } from './urls';
import type { ProxyOptions, ServerConfig } from './types';
import { loadUndiciAgents } from './undiciAgents';

/**
 * Replies above this are refused by undici, whatever they hold: a backstop. What a reply may cost
 * once parsed (up to twenty times its size for tiny objects) is bounded by the ReplyBudget every
 * client shares (replyBudget.ts). A 100,000-message room is about 17 MiB; a 50 MB room list fits.
 * Replies streamed to a file (an export of a room too big to hold) are not held, so have no cap.
 */
export const MAX_REPLY_BYTES = 64 * 1024 * 1024;

/** Enough parallel sockets for a tree refresh plus a few opened rooms, few enough to be polite to one mail server. */
const CONNECTIONS_PER_SERVER = 6;

export interface ServerDispatcher {
  dispatcher: Dispatcher;
  /** host[:port] of the proxy in use, for messages; never the proxy's credentials. */
  proxyHost?: string;
}

/**
 * The keep-alive connection pool for one server: a plain Agent, or a ProxyAgent when a
 * proxy is configured and the server is not in noProxy. Trust is per server: caPem is added
 * to Node's default roots for this pool only, never process-wide.
 */
export function createServerDispatcher(config: ServerConfig, server: ParsedBaseUrl, maxResponseSize = MAX_REPLY_BYTES): ServerDispatcher {
  const ca = config.tls?.caPem ? [...rootCertificates, config.tls.caPem] : undefined;
  const common = {
    connections: CONNECTIONS_PER_SERVER,
    maxResponseSize,
    headersTimeout: config.timeoutMs,
    bodyTimeout: config.timeoutMs,
  };
  const { Agent, ProxyAgent } = loadUndiciAgents();
  const proxy = config.proxy;
  if (!proxy?.url || !goesThroughProxy(proxy, server)) {
    return { dispatcher: new Agent({ ...common, connect: { ca, timeout: config.timeoutMs } }) };
  }
  const proxyUrl = parseProxyUrl(proxy.url);
  // strictSSL false mirrors VS Code's http.proxyStrictSSL: certificates are not checked for traffic
  // through the proxy, the WorldClient server's own included (a TLS-inspecting proxy re-signs it).
  // certificateChecksOff() tells the user so.
  const rejectUnauthorized = proxy.strictSSL;
  return {
    dispatcher: new ProxyAgent({
      ...common,
      uri: proxyUrl.href,
      requestTls: { ca, rejectUnauthorized, timeout: config.timeoutMs },
      proxyTls: { ca, rejectUnauthorized, timeout: config.timeoutMs },
    }),
    proxyHost: proxyUrl.host,
  };
}

function goesThroughProxy(proxy: ProxyOptions, server: ParsedBaseUrl): boolean {
  return !bypassesProxy(server.hostname, server.port || defaultPort(server.protocol), proxy.noProxy);
}

/**
 * True when requests to this server skip every certificate check: they go through a proxy
 * and `http.proxyStrictSSL` is false. Known before anything is sent, so the caller can warn.
 */
export function certificateChecksOff(config: ServerConfig, server: ParsedBaseUrl): boolean {
  return Boolean(config.proxy?.url) && config.proxy?.strictSSL === false && goesThroughProxy(config.proxy, server);
}

/** Accepts "proxy:3128" as well as "http://proxy:3128", as VS Code users write both. */
export function parseProxyUrl(raw: string): URL {
  const text = raw.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  try {
    return new URL(withScheme);
  } catch {
    throw new TypeError(`The proxy setting is not a valid URL; expected something like http://proxy.example.com:3128`);
  }
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : '80';
}
