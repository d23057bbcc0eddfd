/**
 * The little of the DOM that code passed to playwright's `evaluate` touches. The repository's
 * tsconfig has no DOM library (extension code must not use browser globals), so the UI tests
 * declare these per file (`declare const document: BrowserDocument`), which stays module-local.
 */
export interface BrowserElement {
  readonly textContent: string | null;
  readonly attributes: Iterable<{ readonly name: string }>;
  readonly classList: { contains(name: string): boolean };
  getAttribute(name: string): string | null;
}

export interface BrowserDocument {
  readonly body: BrowserElement;
  querySelector(selector: string): BrowserElement | null;
  querySelectorAll(selector: string): Iterable<BrowserElement> & { readonly length: number };
}

export interface BrowserStyle {
  readonly backgroundColor: string;
  readonly color: string;
}
