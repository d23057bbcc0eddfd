// No vscode import: unit-tested on its own.
import { domainToUnicode } from 'node:url';

/** Scripts whose letters look like Latin ones; a label mixing two of them is a look-alike. */
const SCRIPTS: readonly (readonly [string, RegExp])[] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
];

export interface MixedLabel {
  /** The label as a person reads it (Unicode), e.g. "exаmple". */
  label: string;
  scripts: string[];
}

/**
 * The first label of the server's host name that mixes letters of two scripts, read after the
 * URL parser turned it to punycode and back (so "xn--" input is caught too); undefined if none.
 */
export function mixedScriptLabel(serverUrl: string): MixedLabel | undefined {
  let hostname: string;
  try {
    hostname = domainToUnicode(new URL(serverUrl).hostname);
  } catch {
    return undefined;
  }
  for (const label of hostname.split('.')) {
    const letters = [...label];
    const scripts = SCRIPTS.filter(([, pattern]) => letters.some((letter) => pattern.test(letter))).map(([name]) => name);
    if (scripts.length > 1) {
      return { label, scripts };
    }
  }
  return undefined;
}
