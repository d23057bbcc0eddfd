/**
 * The `Cookie` header that returns what a reply's `Set-Cookie` headers set, for the one place
 * the API needs a cookie: the one-use login token some servers check at sign-in. Only the
 * `name=value` pairs travel back; attributes (Path, Expires, HttpOnly…) are the browser's
 * business and there is no jar to keep, as the cookie is used once, straight away.
 */
export function cookieHeaderFrom(setCookies: readonly string[]): string | undefined {
  const pairs: string[] = [];
  for (const setCookie of setCookies) {
    const pair = setCookie.split(';', 1)[0].trim();
    const equals = pair.indexOf('=');
    // A pair needs a name; control characters would let a server smuggle another header line in.
    if (equals > 0 && !/[\u0000-\u001f\u007f]/.test(pair)) {
      pairs.push(pair);
    }
  }
  return pairs.length > 0 ? pairs.join('; ') : undefined;
}
