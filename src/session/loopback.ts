// No vscode import: unit-tested on its own.
import { isLoopbackHost } from '../api/noProxy';

/**
 * True only for a host that cannot leave the machine: `localhost`, an IPv4 address in
 * 127.0.0.0/8 or the IPv6 loopback `::1`. The host is parsed as an IP address, so a name
 * such as `127.evil.example` (which any DNS can point anywhere) is not loopback. Names under
 * `.localhost` are left out here: the system resolver may still ask DNS for them.
 */
export function isLoopback(serverUrl: string): boolean {
  let host: string;
  try {
    // WHATWG URL parsing normalises every IPv4 spelling (127.1, 0x7f.0.0.1) and IPv6 ([0:0::1] → [::1]).
    host = new URL(serverUrl).hostname.toLowerCase();
  } catch {
    return false;
  }
  return !host.endsWith('.localhost') && isLoopbackHost(host);
}
