/**
 * Colour contrast as WCAG 2.1 measures it, so the business's accent colour can be checked at start:
 * white text on an accent-coloured button needs 4.5:1 (success criterion 1.4.3, AA). Pure.
 */

/** The contrast white text needs on the accent colour (WCAG 2.1 AA, normal text). */
export const MIN_ACCENT_CONTRAST = 4.5;

const HEX = /^#([0-9a-f]{6})$/i;

/** Whether text is a `#rrggbb` colour. */
export function isHexColour(text: string): boolean {
  return HEX.test(text);
}

function channels(hex: string): [number, number, number] {
  const value = Number.parseInt(HEX.exec(hex)![1]!, 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** Relative luminance of a `#rrggbb` colour (WCAG 2.1 definition). */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The nearest darker shade of a colour (same hue, channels scaled down) that white text reaches
 * `min` contrast on: offered to the owner when their colour is too light.
 */
export function darkerShadeFor(hex: string, min = MIN_ACCENT_CONTRAST): string {
  const rgb = channels(hex);
  for (let factor = 1; factor >= 0; factor -= 0.01) {
    const shade = `#${rgb.map((c) => Math.round(c * factor).toString(16).padStart(2, '0')).join('')}`;
    if (contrastRatio(shade, '#ffffff') >= min) return shade;
  }
  return '#000000';
}

/** Why an accent colour cannot carry white text, or undefined when it can. */
export function accentProblem(hex: string): string | undefined {
  const ratio = contrastRatio(hex, '#ffffff');
  if (ratio >= MIN_ACCENT_CONTRAST) return undefined;
  return `${hex} gives white text a contrast of ${(Math.floor(ratio * 10) / 10).toFixed(1)}:1; WCAG AA needs ${MIN_ACCENT_CONTRAST}:1. The darker shade ${darkerShadeFor(hex)} passes`;
}
