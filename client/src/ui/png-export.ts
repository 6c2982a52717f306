import { h } from '../dom.js';

/** Chromium's canvas limits: the longest side and the area a canvas may have. */
const MAX_CANVAS_SIDE = 32_000;
const MAX_CANVAS_AREA = 250_000_000;

/**
 * Renders an element in the page to a PNG, with no server and no library: the element's
 * markup and the page's styles go into an SVG foreignObject, which the browser paints onto a
 * canvas at `scale` times the element's size (less when the canvas would grow past its limits).
 */
export async function elementToPng(element: HTMLElement, scale = 2): Promise<{ blob: Blob; width: number; height: number }> {
  const { width, height } = element.getBoundingClientRect();
  const fit = Math.min(scale, MAX_CANVAS_SIDE / width, MAX_CANVAS_SIDE / height, Math.sqrt(MAX_CANVAS_AREA / (width * height)));
  const styles = [...document.styleSheets]
    .map((sheet) => {
      try {
        return [...sheet.cssRules].map((rule) => rule.cssText).join('\n');
      } catch {
        return '';
      }
    })
    .join('\n');
  const markup = new XMLSerializer().serializeToString(element);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<foreignObject width="100%" height="100%"><div xmlns="http://www.w3.org/1999/xhtml"><style>${styles.replaceAll('<', '&lt;')}</style>${markup}</div></foreignObject></svg>`;
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * fit);
  canvas.height = Math.ceil(height * fit);
  const context = canvas.getContext('2d')!;
  context.scale(fit, fit);
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(image, 0, 0, width, height);
  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((made) => (made ? resolve(made) : reject(new Error('the image could not be made'))), 'image/png'));
  return { blob, width: canvas.width, height: canvas.height };
}

/** The width a snapshot image is laid out at, in CSS pixels: painted twice as large, 3,200 pixels wide, sharp on a slide. */
const SHEET_WIDTH = 1600;

/**
 * A snapshot's print table as an image for a slide: the heading (title, meeting date) above the
 * table (legend, axis, every party and task row over the chosen range), laid out off-screen at
 * a fixed width whatever the window. Says how many rows it drew, counted in what it painted.
 */
export async function sheetToPng(heading: HTMLElement, table: HTMLTableElement): Promise<{ blob: Blob; width: number; height: number; rows: number }> {
  const sheet = h('div', { class: 'png-sheet', style: `width: ${SHEET_WIDTH}px` }, heading, table);
  const stage = h('div', { class: 'png-stage', 'aria-hidden': 'true' }, sheet);
  document.body.append(stage);
  try {
    const image = await elementToPng(sheet);
    return { ...image, rows: sheet.querySelectorAll('.print-row').length };
  } finally {
    stage.remove();
  }
}

/** Offers a blob as a file download. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
