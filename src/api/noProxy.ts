/**
 * Whether a host bypasses the proxy, read like VS Code's `http.noProxy` (and curl's
 * NO_PROXY): `*` matches everything; `example.com`, `.example.com` and `*.example.com`
 * match example.com and every name under it; an entry with `:port` matches that port only;
 * IP addresses match exactly. Comparison ignores case and a trailing dot.
 */
export function bypassesProxy(hostname: string, port: string, noProxy: readonly string[]): boolean {
  const host = normaliseHost(hostname);
  // Loopback never leaves the machine, so the password needs no proxy (which would see it in clear over http://).
  return isLoopbackHost(host) || noProxy.some((raw) => entryMatches(raw.trim().toLowerCase(), host, port));
}

function entryMatches(entry: string, host: string, port: string): boolean {
  if (entry === '') {
    return false;
  }
  if (entry === '*') {
    return true;
  }
  const { name, entryPort } = splitPort(entry);
  if (entryPort !== undefined && entryPort !== port) {
    return false;
  }
  const suffix = normaliseHost(name.replace(/^\*?\./, ''));
  return suffix !== '' && (host === suffix || host.endsWith(`.${suffix}`));
}

/** "[::1]:8080" -> ::1 and 8080; "host:443" -> host and 443; "::1" stays whole (no brackets, no port). */
function splitPort(entry: string): { name: string; entryPort?: string } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) {
    return { name: bracketed[1], entryPort: bracketed[2] };
  }
  const hostPort = /^([^:]+):(\d+)$/.exec(entry);
  return hostPort ? { name: hostPort[1], entryPort: hostPort[2] } : { name: entry };
}

function normaliseHost(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

/** The NO_PROXY / no_proxy environment variables (curl's comma- or space-separated list), both honoured. */
export function noProxyFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  return [env.NO_PROXY, env.no_proxy].flatMap((list) => (list ?? '').split(/[\s,]+/)).filter((entry) => entry !== '');
}

/**
 * localhost and its subdomains (RFC 6761), 127.0.0.0/8 and ::1, on a host name as the URL
 * parser gives it (IPv4 in dotted decimal, IPv6 normalised).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = normaliseHost(hostname);
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') {
    return true;
  }
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255) && octets[1] === '127';
}
