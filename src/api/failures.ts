import { WorldClientError, errorMessage } from './errors';
import { TOTAL_DEADLINE_FACTOR } from './abort';
import { MAX_REPLY_BYTES } from './dispatcher';
import { redactedHead } from './redact';
import { megabytes, ReplyTooBig } from './replyBudget';

/** What a failure message needs to know about the request that failed. */
export interface FailedRequestContext {
  /** The operation in words, e.g. 'list rooms'. */
  what: string;
  /** host[:port] of the server. */
  host: string;
  /** host[:port] of the proxy, when the request went through one. */
  proxyHost?: string;
  timeoutMs: number;
  /** The limit on a whole attempt, reply body included. */
  totalTimeoutMs: number;
  /** Secrets of the request, redacted from any text of the error before it is cut. */
  secrets?: readonly (string | undefined)[];
}

/** Certificate problems by OpenSSL / Node code: what is wrong with the certificate. */
const TLS_PROBLEMS: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its certificate chain ends in a self-signed CA that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    'its certificate was issued by a CA that is not trusted (or the server does not send the intermediate certificate)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    'its certificate was issued by a CA that is not trusted (or the server does not send the intermediate certificate)',
  UNABLE_TO_GET_ISSUER_CERT: 'the issuer of its certificate could not be found',
  CERT_HAS_EXPIRED: 'its certificate has expired',
  CERT_NOT_YET_VALID: "its certificate is not valid yet (check this computer's clock)",
  CERT_REVOKED: 'its certificate has been revoked',
  CERT_SIGNATURE_FAILURE: 'its certificate signature is invalid',
  CERT_UNTRUSTED: 'its certificate is not trusted',
  INVALID_CA: 'a CA certificate in its chain is invalid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is for a different host name (hostname mismatch)',
  ERR_SSL_WRONG_VERSION_NUMBER: 'it does not speak TLS on this port (is the URL meant to be http://?)',
};

const TOTAL_LIMIT_RULE = `${TOTAL_DEADLINE_FACTOR} × the request timeout`;

const TLS_ADVICE =
  'If this is your own server with a self-signed or private-CA certificate, trust that certificate (PEM) for this server; ' +
  'do not turn certificate checks off.';

/**
 * Turns whatever undici or Node threw into a WorldClientError. `cancelled` and `timedOut`
 * come from the attempt's own signal, because an abort reason alone cannot tell the caller's
 * cancel from our timer.
 */
export function classifyFailure(
  error: unknown,
  context: FailedRequestContext,
  signal: { cancelled: boolean; timedOut: boolean; overran?: boolean },
): WorldClientError {
  if (error instanceof WorldClientError) {
    return error;
  }
  const { what } = context;
  if (error instanceof ReplyTooBig) {
    return new WorldClientError('tooBig', `Could not ${what}: ${tooBigProblem(error, context.host)}`, { cause: error });
  }
  if (signal.cancelled) {
    return new WorldClientError('cancelled', `Cancelled: did not ${what}.`, { cause: error });
  }
  const code = errorCode(error);
  if (signal.overran) {
    const seconds = Math.round(context.totalTimeoutMs / 100) / 10;
    return new WorldClientError(
      'timeout',
      `Could not ${what}: the reply from ${context.host} did not finish within ${seconds} s ` +
        `(the limit for a whole request is ${TOTAL_LIMIT_RULE}); it was still trickling in. ` +
        'Try again; if the server is just slow, raise the request timeout setting.',
      { cause: error },
    );
  }
  if (signal.timedOut || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    const seconds = Math.round(context.timeoutMs / 100) / 10;
    const problem =
      code === 'UND_ERR_BODY_TIMEOUT'
        ? `the reply from ${context.host} stalled for ${seconds} s`
        : `${context.host} did not answer within ${seconds} s`;
    return new WorldClientError(
      'timeout',
      `Could not ${what}: ${problem}. Try again; if the server is just slow, raise the request timeout setting.`,
      { cause: error },
    );
  }
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') {
    return new WorldClientError(
      'tooBig',
      `Could not ${what}: the reply from ${context.host} is too big: over ${megabytes(MAX_REPLY_BYTES)} MB, the limit that protects ` +
        `the memory all VS Code extensions share (${code}).`,
      { cause: error },
    );
  }
  const tls = tlsProblem(error, code);
  if (tls) {
    return new WorldClientError(
      'tls',
      `Could not ${what}: the secure connection to ${context.host} was refused because ${tls}. ${TLS_ADVICE}`,
      { cause: error },
    );
  }
  return new WorldClientError('network', `Could not ${what}: ${networkProblem(error, code, context)}`, { cause: error });
}

function networkProblem(error: unknown, code: string | undefined, context: FailedRequestContext): string {
  const { host, proxyHost } = context;
  const where = proxyHost ? `${host} (through the proxy ${proxyHost})` : host;
  const proxyStatus = /Proxy response \((\d{3})\)/.exec(errorMessage(error))?.[1];
  if (proxyStatus) {
    const auth = proxyStatus === '407' ? ' It wants credentials: put them in the proxy URL or check the ones there.' : '';
    return `the proxy ${proxyHost ?? ''} refused to connect to ${host} (HTTP ${proxyStatus}).${auth} Check the proxy settings.`;
  }
  switch (code) {
    case 'ECONNREFUSED':
      return (
        `${proxyHost ? `the proxy ${proxyHost} or ${host}` : host} refused the connection (ECONNREFUSED). ` +
        'Check the server URL and port, and that the server is running.'
      );
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return (
        `the connection to ${where} was closed before the reply was complete (${code}). ` +
        'Try again; if it keeps happening, check the proxy or firewall between you and the server.'
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return (
        `the host name of ${proxyHost ? `${host} or of the proxy ${proxyHost}` : host} could not be resolved (${code}). ` +
        'Check the server URL and your network connection.'
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} cannot be reached from this network (${code}). Check your network connection or VPN.`;
    case 'UND_ERR_CLOSED':
    case 'UND_ERR_DESTROYED':
      return `the connection to ${host} was closed because the server settings changed (${code}). Try again.`;
    default:
      if (code?.startsWith('HPE_')) {
        return (
          `the reply from ${where} is not valid HTTP (${code}). ` +
          'Check the server URL, in particular the port and http:// versus https://.'
        );
      }
      const cause = code ?? describeError(error, context.secrets ?? []);
      return `the request to ${where} failed (${cause}). Check your network connection and try again.`;
  }
}

/** "too big: N MB, …": the first words say it, as Check Rooms' summary quotes them. */
function tooBigProblem(error: ReplyTooBig, host: string): string {
  const size = `${error.declared ? '' : 'over '}${megabytes(error.replyBytes)} MB`;
  const counted = error.declared ? '' : ' (counting only what had arrived)';
  const cost = `about ${megabytes(error.estimatedBytes)} MB of memory once read${counted}`;
  if (error.alwaysTooBig) {
    return (
      `the reply from ${host} is too big: ${size}, over the ${megabytes(error.limitBytes)} MB limit. It would take ${cost}, ` +
      'and the memory is shared by all VS Code extensions.'
    );
  }
  return (
    `the reply from ${host} is too big to read while other big replies are being read: ${size}, ` +
    `over the ${megabytes(error.allowedBytes)} MB ` +
    `left of the ${megabytes(error.limitBytes)} MB limit (it would take ${cost}). Try again when they are done.`
  );
}

function tlsProblem(error: unknown, code: string | undefined): string | undefined {
  if (code === 'UND_ERR_PRX_TLS') {
    return "the proxy's certificate is for a different host name (hostname mismatch)";
  }
  if (code && code in TLS_PROBLEMS) {
    return `${TLS_PROBLEMS[code]} (${code})`;
  }
  const message = errorMessage(error);
  if (/wrong version number/i.test(message)) {
    return `${TLS_PROBLEMS.ERR_SSL_WRONG_VERSION_NUMBER} (ERR_SSL_WRONG_VERSION_NUMBER)`;
  }
  if (code?.startsWith('ERR_SSL_') || code?.startsWith('ERR_TLS_') || code === 'EPROTO') {
    return `the TLS handshake failed (${code})`;
  }
  return undefined;
}

/** The most specific error code on the error, its cause, or (for happy-eyeballs AggregateErrors) its first inner error. */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const candidate = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof candidate.code === 'string' && candidate.code !== 'UND_ERR' && candidate.code !== 'UND_ERR_ABORTED') {
      return candidate.code;
    }
    current = candidate.cause ?? (Array.isArray(candidate.errors) ? candidate.errors[0] : undefined);
  }
  return typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : undefined;
}

function describeError(error: unknown, secrets: readonly (string | undefined)[]): string {
  const name = error instanceof Error ? error.name : typeof error;
  return `${name}: ${redactedHead(errorMessage(error), secrets, 120)}`;
}
