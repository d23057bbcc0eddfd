import { headerValue, requestParts, toCurl, type CurlOptions, type Piece } from './curl';
import type { RequestLogEntry } from './types';

export type SnippetLanguage = 'curl' | 'fetch' | 'python' | 'csharp' | 'powershell';

/**
 * A logged request as code in the languages our users already call APIs from. Every value is a
 * string literal of that language (escaped by its rules, so a hostile room id stays data); the
 * session and CSRF token are read from the environment variables curl's snippet uses
 * (WORLDCLIENT_SESSION, WORLDCLIENT_CSRF_TOKEN) unless the user asked to include them.
 */
export function toSnippet(entry: RequestLogEntry, language: SnippetLanguage, options: CurlOptions = {}): string {
  switch (language) {
    case 'curl':
      return toCurl(entry, options);
    case 'fetch':
      return toFetch(entry, options);
    case 'python':
      return toPython(entry, options);
    case 'csharp':
      return toCSharp(entry, options);
    case 'powershell':
      return toPowerShell(entry, options);
  }
}

/**
 * JSON's string escapes are valid in TypeScript, Python and C# string literals alike; the line
 * separators JSON leaves raw end a C# string, so they are escaped too.
 */
const quoted = (text: string): string =>
  JSON.stringify(text).replace(/[\u0085\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

function joined(pieces: Piece[], render: (piece: Piece) => string): string {
  return pieces.length ? pieces.map(render).join(' + ') : render({ literal: '' });
}

function contentTypeOf(headers: [string, Piece[]][]): string | undefined {
  const found = headers.find(([name]) => name.toLowerCase() === 'content-type');
  const value = found ? headerValue(found[0], found[1]) : [];
  return value.length === 1 && 'literal' in value[0] ? value[0].literal : undefined;
}

function toFetch(entry: RequestLogEntry, options: CurlOptions): string {
  const request = requestParts(entry, options, (name) => ({ variable: name }));
  const value = (pieces: Piece[]): string =>
    joined(pieces, (piece) => ('literal' in piece ? quoted(piece.literal) : `(process.env.${piece.variable} ?? '')`));
  const lines = ['const response = await fetch(' + value(request.url) + ', {', `  method: ${quoted(request.method)},`, '  headers: {'];
  for (const [name, line] of request.headers) {
    lines.push(`    ${quoted(name)}: ${value(headerValue(name, line))},`);
  }
  lines.push('  },');
  if (request.body !== undefined) {
    lines.push(`  body: ${quoted(request.body)},`);
  }
  lines.push('});', 'console.log(response.status, await response.text());');
  return lines.join('\n');
}

function toPython(entry: RequestLogEntry, options: CurlOptions): string {
  const request = requestParts(entry, options, (name) => ({ variable: name }));
  const value = (pieces: Piece[]): string =>
    joined(pieces, (piece) => ('literal' in piece ? quoted(piece.literal) : `os.environ.get(${quoted(piece.variable)}, "")`));
  const lines = [
    'import os',
    '',
    'import requests',
    '',
    'response = requests.request(',
    `    ${quoted(request.method)},`,
    `    ${value(request.url)},`,
    '    headers={',
  ];
  for (const [name, line] of request.headers) {
    lines.push(`        ${quoted(name)}: ${value(headerValue(name, line))},`);
  }
  lines.push('    },');
  if (request.body !== undefined) {
    lines.push(`    data=${quoted(request.body)}.encode("utf-8"),`);
  }
  lines.push(')', 'print(response.status_code, response.text)');
  return lines.join('\n');
}

function toCSharp(entry: RequestLogEntry, options: CurlOptions): string {
  const request = requestParts(entry, options, (name) => ({ variable: name }));
  const value = (pieces: Piece[]): string =>
    joined(pieces, (piece) =>
      'literal' in piece ? quoted(piece.literal) : `Environment.GetEnvironmentVariable(${quoted(piece.variable)})`,
    );
  const lines = [
    'using var client = new HttpClient();',
    `using var request = new HttpRequestMessage(new HttpMethod(${quoted(request.method)}), ${value(request.url)});`,
  ];
  // Content-Type belongs to the content in HttpClient; on the request's headers it would be refused.
  for (const [name, line] of request.headers.filter(([header]) => header.toLowerCase() !== 'content-type')) {
    lines.push(`request.Headers.TryAddWithoutValidation(${quoted(name)}, ${value(headerValue(name, line))});`);
  }
  if (request.body !== undefined) {
    lines.push(`request.Content = new StringContent(${quoted(request.body)}, System.Text.Encoding.UTF8);`);
    const contentType = contentTypeOf(request.headers);
    if (contentType !== undefined) {
      lines.push(`request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(${quoted(contentType)});`);
    }
  }
  lines.push(
    'using var response = await client.SendAsync(request);',
    'Console.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");',
  );
  return lines.join('\n');
}

/** PowerShell 7: single-quoted strings take everything literally but a doubled quote. */
function toPowerShell(entry: RequestLogEntry, options: CurlOptions): string {
  const request = requestParts(entry, options, (name) => ({ variable: name }));
  const single = (text: string): string => `'${text.replace(/['‘’‚‛]/g, (quote) => quote + quote)}'`;
  const value = (pieces: Piece[]): string =>
    `(${joined(pieces, (piece) => ('literal' in piece ? single(piece.literal) : `$env:${piece.variable}`))})`;
  const lines = ['$headers = @{'];
  for (const [name, line] of request.headers.filter(([header]) => header.toLowerCase() !== 'content-type')) {
    lines.push(`  ${single(name)} = ${value(headerValue(name, line))}`);
  }
  lines.push('}');
  const call = [
    `$response = Invoke-WebRequest -SkipHttpErrorCheck -Method ${single(request.method)} -Uri ${value(request.url)} -Headers $headers`,
  ];
  if (request.body !== undefined) {
    call.push(`-Body ${single(request.body)}`);
    const contentType = contentTypeOf(request.headers);
    if (contentType !== undefined) {
      call.push(`-ContentType ${single(contentType)}`);
    }
  }
  lines.push(call.join(' '), '"$($response.StatusCode) $($response.Content)"');
  return lines.join('\n');
}
