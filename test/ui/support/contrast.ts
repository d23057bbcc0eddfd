import type { Locator } from 'playwright-core';

// The little of the DOM the probe below touches (the repository's tsconfig has no DOM library).
interface StyledElement {
  readonly parentElement: StyledElement | null;
}
interface ComputedColours {
  readonly color: string;
  readonly backgroundColor: string;
  readonly opacity: string;
}
declare function getComputedStyle(element: StyledElement): ComputedColours;

type Rgba = [number, number, number, number];

export interface TextContrast {
  /** The colours a user sees, after transparency: `rgb(r, g, b)`. */
  text: string;
  background: string;
  /** WCAG 2 contrast ratio, 1 (none) to 21 (black on white). WCAG AA asks 4.5 for body text. */
  ratio: number;
}

/**
 * The contrast of an element's text against what shows behind it, from the page's computed
 * styles: the text colour faded by every ancestor's opacity, over the element's and its
 * ancestors' backgrounds stacked down to the first opaque one.
 */
export async function textContrast(element: Locator): Promise<TextContrast> {
  const styles = await element.evaluate((start: StyledElement) => {
    const backgrounds: string[] = [];
    let opacity = 1;
    for (let node: StyledElement | null = start; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      opacity *= Number(style.opacity);
      backgrounds.push(style.backgroundColor);
    }
    return { color: getComputedStyle(start).color, opacity, backgrounds };
  });
  return contrastOf(styles);
}

/** The computed styles of a text element, in the shape `textContrast` reads them from the page. */
export interface TextStyles {
  color: string;
  /** The product of the element's and its ancestors' opacity. */
  opacity: number;
  /** The element's background colour, then each ancestor's, up to the root. */
  backgrounds: string[];
}

export function contrastOf(styles: TextStyles): TextContrast {
  const layers = styles.backgrounds.map(parseColour);
  const opaque = layers.findIndex((layer) => layer[3] >= 1);
  // Painted from the first opaque layer up to the element itself (a page with none shows white).
  const background = layers.slice(0, opaque === -1 ? layers.length : opaque + 1).reduceRight(over, [255, 255, 255, 1] as Rgba);
  const [r, g, b, a] = parseColour(styles.color);
  const text = over(background, [r, g, b, a * styles.opacity]);
  const [lighter, darker] = [luminance(text), luminance(background)].sort((x, y) => y - x);
  return { text: css(text), background: css(background), ratio: (lighter + 0.05) / (darker + 0.05) };
}

/** Relative luminance (0 black … 1 white) as WCAG 2 defines it. */
export function luminance([r, g, b]: Rgba): number {
  const linear = (channel: number): number => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** `rgb(…)`, `rgba(…)` or `color(srgb …)` as Chromium computes them. */
export function parseColour(colour: string): Rgba {
  const numbers = (colour.match(/-?[\d.]+(e-?\d+)?/g) ?? []).map(Number);
  if (colour.startsWith('color(srgb')) {
    const [r, g, b, a = 1] = numbers;
    return [r * 255, g * 255, b * 255, a];
  }
  if (!/^rgba?\(/.test(colour) || numbers.length < 3) {
    throw new Error(`Cannot read the colour "${colour}".`);
  }
  const [r, g, b, a = 1] = numbers;
  return [r, g, b, a];
}

/** `top` painted over `bottom`. */
function over(bottom: Rgba, top: Rgba): Rgba {
  const alpha = top[3];
  const mix = (i: number): number => top[i] * alpha + bottom[i] * (1 - alpha);
  return [mix(0), mix(1), mix(2), 1];
}

function css([r, g, b]: Rgba): string {
  return `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
}

/** WCAG contrast ratio of two opaque CSS colours: 1 (none) … 21 (black on white). Body text needs 4.5. */
export function contrastRatio(foreground: string, background: string): number {
  const [light, dark] = [luminance(parseColour(foreground)), luminance(parseColour(background))].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}
