import { source as axeSource } from 'axe-core';
import type { Page } from 'playwright-core';

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** What axe-core found that counts as serious or critical, one line per rule and element. */
export async function seriousA11yFindings(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol rather than added as a <script>: the pages' CSP (rightly) refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}) at ${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}`));
}

/**
 * Runs axe-core on the page as it is now and fails on any serious or critical finding (WCAG 2.2 AA and axe's best
 * practices), naming the page so a failure says where. Public pages forbid inline scripts by CSP: their pages must be
 * opened in a context with `bypassCSP: true` for axe to be injected.
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const findings = await seriousA11yFindings(page);
  expect({ where, findings }).toEqual({ where, findings: [] });
}
