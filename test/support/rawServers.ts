// Tiny raw servers for what the sandbox cannot be: a TLS front (with certificates made by
// openssl at test time) and an HTTP CONNECT proxy. Both only shovel bytes to the sandbox.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';

export interface KeyPair {
  key: string;
  cert: string;
}

export interface TestCertificates {
  /** Self-signed, valid for 127.0.0.1, localhost and PROXIED_HOST. */
  selfSigned: KeyPair;
  /** Self-signed, valid for other.example only. */
  wrongHost: KeyPair;
  /** Signed by `ca`, valid for 127.0.0.1, expired in 2020. */
  expired: KeyPair;
  ca: KeyPair;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export function makeCertificates(): TestCertificates {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wc-tls-'));
  const file = (name: string): string => path.join(dir, name);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const read = (key: string, cert: string): KeyPair => ({
    key: fs.readFileSync(file(key), 'utf8'),
    cert: fs.readFileSync(file(cert), 'utf8'),
  });
  try {
    const selfNames = `subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:${PROXIED_HOST}`;
    openssl(
      'req',
      '-x509',
      ...EC_KEY,
      '-keyout',
      'self.key',
      '-out',
      'self.pem',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      selfNames,
    );
    openssl(
      'req',
      '-x509',
      ...EC_KEY,
      '-keyout',
      'other.key',
      '-out',
      'other.pem',
      '-days',
      '2',
      '-subj',
      '/CN=other.example',
      '-addext',
      'subjectAltName=DNS:other.example',
    );
    openssl('req', '-x509', ...EC_KEY, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=WorldClient Test CA');
    openssl(
      'req',
      '-new',
      ...EC_KEY,
      '-keyout',
      'old.key',
      '-out',
      'old.csr',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    );
    // `openssl ca` is the one OpenSSL 3.0 command that takes a start date in the past.
    fs.writeFileSync(
      file('ca.cnf'),
      [
        '[ca]',
        'default_ca=d',
        '[d]',
        'database=index.txt',
        'new_certs_dir=.',
        'serial=serial',
        'default_md=sha256',
        'policy=p',
        'copy_extensions=copy',
        '[p]',
        'commonName=supplied',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(file('index.txt'), '');
    fs.writeFileSync(file('serial'), '01\n');
    openssl(
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      '-cert',
      'ca.pem',
      '-keyfile',
      'ca.key',
      '-in',
      'old.csr',
      '-out',
      'old.pem',
      '-startdate',
      '20200101000000Z',
      '-enddate',
      '20200102000000Z',
      '-notext',
    );
    return {
      selfSigned: read('self.key', 'self.pem'),
      wrongHost: read('other.key', 'other.pem'),
      expired: read('old.key', 'old.pem'),
      ca: read('ca.key', 'ca.pem'),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface RawServer {
  url: string;
  close(): Promise<void>;
}

/** Accepts TLS on a free port and pipes the plain bytes to 127.0.0.1:targetPort. */
export async function startTlsFront(pair: KeyPair, targetPort: number): Promise<RawServer> {
  const server = tls.createServer({ key: pair.key, cert: pair.cert }, (socket) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  server.on('tlsClientError', () => undefined);
  return listen(server, 'https');
}

export interface ConnectProxy extends RawServer {
  /** The CONNECT targets seen, e.g. "127.0.0.1:40123". */
  connects: string[];
}

/**
 * A name only the test proxy knows (it tunnels it to 127.0.0.1): loopback addresses never go
 * through a proxy, so a test that wants its requests proxied addresses the sandbox by this name.
 */
export const PROXIED_HOST = 'proxied.test';

/** An HTTP proxy that tunnels CONNECT only; with `credentials` ("user:pass") it answers 407 to anyone without them. */
export async function startConnectProxy(credentials?: string): Promise<ConnectProxy> {
  const connects: string[] = [];
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    connects.push(req.url ?? '');
    client.on('error', () => undefined);
    if (credentials && req.headers['proxy-authorization'] !== `Basic ${Buffer.from(credentials).toString('base64')}`) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host === PROXIED_HOST ? '127.0.0.1' : host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  const raw = await listen(server, 'http');
  return { ...raw, connects };
}

async function listen(server: net.Server, scheme: string): Promise<RawServer> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        sockets.forEach((socket) => socket.destroy());
      }),
  };
}
