// The sandbox WorldClient server: a spec-conformant implementation of the API's rtc,
// authenticate, ping and settings routes, for tests and the quick start. All state belongs to
// the object startSandbox returns, so several sandboxes can run side by side in one process.

import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Authenticator } from './authenticate';
import { FaultList } from './faults';
import { createRequestHandler } from './handler';
import { seedRooms } from './seed';
import { SessionRegistry } from './sessions';
import { RoomStore } from './store';
import type { Fault, RequestRecord, Sandbox, SandboxOptions, SandboxStore } from './types';

export type {
  Fault,
  FaultKind,
  FaultRoute,
  RequestRecord,
  RtcMessage,
  Sandbox,
  SandboxOptions,
  SandboxStore,
  SeedOptions,
  StoredRoom,
} from './types';

export const SANDBOX_DEFAULTS = {
  host: '127.0.0.1',
  user: 'dev@example.com',
  password: 'sandbox',
  oneTimePassword: '123456',
  version: '25.0.0',
  apiVersion: '3.5',
} as const;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? SANDBOX_DEFAULTS.host;
  const user = options.user ?? SANDBOX_DEFAULTS.user;
  const store = new RoomStore(() => seedRooms(options.seed ?? {}), options.persistPath);
  const sessions = new SessionRegistry({ csrf: options.csrf ?? false, renewRememberedSessions: options.renewRememberedSessions ?? false });
  const initial = sessions.issue(user, false, options.session, options.csrfToken);
  const faults = new FaultList();
  for (const fault of options.faults ?? []) {
    faults.add(fault);
  }
  const requests: RequestRecord[] = [];
  const lifetime = new AbortController();
  const authenticator = new Authenticator(
    {
      user,
      password: options.password ?? SANDBOX_DEFAULTS.password,
      oneTimePassword: options.oneTimePassword ?? SANDBOX_DEFAULTS.oneTimePassword,
      twoFactor: options.twoFactor ?? false,
      passwordExpired: options.passwordExpired ?? false,
      requireTermsOfUse: options.requireTermsOfUse ?? false,
      requireLoginToken: options.requireLoginToken ?? false,
    },
    sessions,
  );

  const server = http.createServer(
    createRequestHandler({
      store,
      sessions,
      authenticator,
      faults,
      requests,
      errorStyle: options.errorStyle ?? 'status',
      rejectEncodedSlashInPath: options.rejectEncodedSlashInPath ?? false,
      version: options.version ?? SANDBOX_DEFAULTS.version,
      apiVersion: options.apiVersion ?? SANDBOX_DEFAULTS.apiVersion,
      signal: lifetime.signal,
      onRequest: options.onRequest,
    }),
  );
  // Tracked by hand as well as closeAllConnections(): that one skips sockets still mid-upgrade or idle-before-request.
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= new Promise<void>((resolve) => {
      lifetime.abort();
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of sockets) {
        socket.destroy();
      }
    });
    return stopping;
  };

  const sandbox: Sandbox = {
    url,
    port,
    session: initial.token,
    csrfToken: initial.csrfToken,
    store: store satisfies SandboxStore,
    requests,
    addFault: (fault: Fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    expireSessions: () => sessions.expireAll(),
    issueSession: () => {
      const session = sessions.issue(user, false);
      return { session: session.token, csrfToken: session.csrfToken };
    },
    stop,
  };
  return sandbox;
}
