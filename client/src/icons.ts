/**
 * Small inline SVG icons: they render the same in every font (emoji and symbol glyphs such as
 * ⚠ or ⛰ are missing from many), and are hidden from screen readers: the text next to them says it.
 */
const SVG = 'http://www.w3.org/2000/svg';

const PATHS = {
  warning: 'M8 1 L15 14 H1 Z M8 5.5 V9.5 M8 11.5 V12.5',
  stop: 'M5 1 H11 L15 5 V11 L11 15 H5 L1 11 V5 Z M5.5 5.5 L10.5 10.5 M10.5 5.5 L5.5 10.5',
  check: 'M2 8.5 L6 12.5 L14 3.5',
  cross: 'M3 3 L13 13 M13 3 L3 13',
  circle: 'M8 2 A6 6 0 1 0 8.01 2 Z',
  soil: 'M1 14 L6 6 L9 10 L11 7 L15 14 Z',
  info: 'M8 1.5 A6.5 6.5 0 1 0 8.01 1.5 Z M8 7 V12 M8 4.5 V5.5',
  lock: 'M4 7 H12 V14 H4 Z M5.5 7 V5 A2.5 2.5 0 0 1 10.5 5 V7',
} as const;

export type IconName = keyof typeof PATHS;

export function icon(name: IconName, className = ''): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '1em');
  svg.setAttribute('height', '1em');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon icon-${name} ${className}`.trim());
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', PATHS[name]);
  path.setAttribute('fill', name === 'soil' ? 'currentColor' : 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '1.6');
  path.setAttribute('stroke-linecap', 'round');
  path.setAttribute('stroke-linejoin', 'round');
  svg.append(path);
  return svg;
}
