// No vscode import: unit-tested on its own.

/**
 * True only for a host that cannot leave the machine: `localhost`, an IPv4 address in
 * 127.0.0.0/8 or the IPv6 loopback `::1`. The host is parsed as an IP address, so a name
 * such as `127.evil.example` (which any DNS can point anywhere) is not loopback.
 */
export function isLoopback(serverUrl: string): boolean {
  let host: string;
  try {
    host = new URL(serverUrl).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host === 'localhost') {
    return true;
  }
  if (host.startsWith('[') && host.endsWith(']')) {
    // WHATWG URL parsing has already normalised the IPv6 address (e.g. [0:0::1] → [::1]).
    return host === '[::1]';
  }
  // URL parsing turns every IPv4 spelling (127.1, 0x7f.0.0.1, 2130706433) into dotted decimal.
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255) && octets[1] === '127';
}
