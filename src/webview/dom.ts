/**
 * The only way the webview creates elements. Text goes in through `textContent` and
 * attributes through `setAttribute` (never HTML parsing), so a server value such as
 * `<img src=x onerror=…>` can only ever show up as those characters.
 */
export interface ElementOptions {
  className?: string;
  text?: string;
  attrs?: Record<string, string>;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) {
    element.className = options.className;
  }
  if (options.text !== undefined) {
    element.textContent = options.text;
  }
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}

export function button(label: string, options: ElementOptions & { onClick: () => void }): HTMLButtonElement {
  const element = h('button', { ...options, text: label, attrs: { type: 'button', ...options.attrs } });
  element.addEventListener('click', options.onClick);
  return element;
}

/** Sets text only when it changed: scrolling re-renders rows every frame. */
export function setText(element: Element, text: string): void {
  if (element.textContent !== text) {
    element.textContent = text;
  }
}

export function formatCount(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}
