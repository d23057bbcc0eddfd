// Shared set-up for the client tests: a sandbox, clients pointed at it, and everything the
// clients report (log entries, info lines, renewed sessions) collected for assertions.

import * as assert from 'node:assert/strict';
import { WorldClientApi, type ClientTuning } from '../../../src/api/client';
import { WorldClientError, type WorldClientErrorKind } from '../../../src/api/errors';
import type { ReplyBudget } from '../../../src/api/replyBudget';
import type { Credentials, RequestLogEntry, ServerConfig } from '../../../src/api/types';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';

/** Retries without real waiting, so retry tests are fast; jitter pinned to its minimum. */
export const FAST_RETRIES: ClientTuning = { baseDelayMs: 2, maxDelayMs: 10, random: () => 0 };

export interface TestClient {
  api: WorldClientApi;
  log: RequestLogEntry[];
  infos: string[];
  renewed: Credentials[];
  /** What getCredentials() answers; tests may replace it. */
  credentials: Credentials | undefined;
}

export class Harness {
  sandbox!: Sandbox;
  private readonly clients: WorldClientApi[] = [];

  async start(options: SandboxOptions = {}): Promise<Sandbox> {
    this.sandbox = await startSandbox(options);
    return this.sandbox;
  }

  /** A client signed in with the sandbox's initial session (and CSRF token), unless credentials say otherwise. */
  client(
    config: Partial<ServerConfig> = {},
    options: { tuning?: ClientTuning; credentials?: Credentials | null; baseUrl?: string; budget?: ReplyBudget } = {},
  ): TestClient {
    const initial =
      options.credentials === null
        ? undefined
        : (options.credentials ?? { session: this.sandbox.session, csrfToken: this.sandbox.csrfToken });
    const client: TestClient = { api: undefined as unknown as WorldClientApi, log: [], infos: [], renewed: [], credentials: initial };
    client.api = new WorldClientApi(
      { baseUrl: options.baseUrl ?? this.sandbox.url, urlStyle: 'path', sessionTransport: 'header', timeoutMs: 5000, ...config },
      {
        getCredentials: () => client.credentials,
        onSessionRenewed: (credentials) => {
          client.renewed.push(credentials);
          client.credentials = credentials;
        },
        onRequest: (entry) => client.log.push(entry),
        onInfo: (message) => client.infos.push(message),
      },
      options.tuning ?? FAST_RETRIES,
      options.budget,
    );
    this.clients.push(client.api);
    return client;
  }

  async stop(): Promise<void> {
    await Promise.all(this.clients.splice(0).map((api) => api.dispose()));
    await this.sandbox?.stop();
  }

  /** Requests the sandbox saw for one route, e.g. 'rtc' matches /WorldClientAPI/rtc/... and ?route=rtc. */
  requestsTo(route: string): Sandbox['requests'] {
    return this.sandbox.requests.filter((request) => request.path.includes(`/${route}`) || request.query.route === route);
  }
}

/** Asserts the promise rejects with a WorldClientError of this kind, and returns it for more checks. */
export async function rejectsWith(promise: Promise<unknown>, kind: WorldClientErrorKind, message?: RegExp): Promise<WorldClientError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof WorldClientError, `expected a WorldClientError '${kind}', got ${String(caught)}`);
  assert.equal(caught.kind, kind, caught.message);
  if (message) {
    assert.match(caught.message, message);
  }
  return caught;
}

export const sampleMessages = [
  { id: 'm1', salt: 'c2FsdA==', data: 'ZGF0YQ==' },
  { id: 'm2', salt: '', data: '<img src=x onerror=alert(1)>' },
];

export function newRoom(id: string): { id: string; started: string; ended: string; members: string; messages: typeof sampleMessages } {
  return {
    id,
    started: '2025-06-01T10:00:00.000Z',
    ended: '',
    members: 'alice@example.com,bob@example.com',
    messages: sampleMessages.map((m) => ({ ...m })),
  };
}

/** Waits for a condition the test cannot be told about by an event (e.g. the sandbox has seen a request), checking every 5 ms. */
export async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
