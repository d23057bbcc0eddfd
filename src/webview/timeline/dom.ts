/** Creates an element with a class (and attributes) and appends it to `parent`. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  parent: HTMLElement,
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  created.className = className;
  for (const [name, value] of Object.entries(attributes)) {
    created.setAttribute(name, value);
  }
  parent.append(created);
  return created;
}

/** The hover beside the pointer: one line of text per field, kept inside the window. */
export class HoverBox {
  private readonly box: HTMLElement;

  constructor(parent: HTMLElement) {
    this.box = element('div', 'hover', parent);
    this.box.setAttribute('role', 'tooltip');
    this.box.hidden = true;
  }

  show(lines: readonly string[], clientX: number, clientY: number): void {
    this.box.replaceChildren(
      ...lines.map((line) => {
        const div = document.createElement('div');
        div.textContent = line;
        return div;
      }),
    );
    this.box.hidden = false;
    const { offsetWidth, offsetHeight } = this.box;
    const left = Math.min(clientX + 12, window.innerWidth - offsetWidth - 4);
    const top = clientY + 16 + offsetHeight > window.innerHeight ? clientY - offsetHeight - 8 : clientY + 16;
    this.box.style.transform = `translate(${Math.max(0, left)}px, ${Math.max(0, top)}px)`;
  }

  hide(): void {
    this.box.hidden = true;
  }
}
