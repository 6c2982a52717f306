import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The WCAG 2 A and AA violations axe-core finds on the page as it is, each with the elements it found. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations.map((violation) => `${violation.id}: ${violation.help}\n${violation.nodes.slice(0, 5).map((node) => `  ${node.target.join(' ')} ${node.failureSummary ?? ''}`).join('\n')}`);
  });
  return found;
}
