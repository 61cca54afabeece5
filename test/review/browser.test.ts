/**
 * The review page in a real headless Chromium (Debian's `chromium`, driven by playwright-core): it
 * opens offline with no request, highlights findings, filters, scrolls to a fact's span, and an
 * injected `<script>` stays text. Screenshots go to a temp folder (printed at the end).
 * Skipped, with a message, when no Chromium is installed (CI installs it: see .ci/run).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReview } from '../../src/cli/review.js';
import { FILES, INJECTION } from './fixtures.js';

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => !!p && existsSync(p),
);
if (!CHROMIUM)
  console.warn(
    'SKIPPED test/review/browser.test.ts: no Chromium found (set CHROMIUM_PATH or `apt-get install -y chromium`).',
  );

const SAMPLES = fileURLToPath(new URL('../../samples/cases', import.meta.url));
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

describe.skipIf(!CHROMIUM)('review page in Chromium', () => {
  let dir: string;
  let url: string;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spinex-review-'));
    for (const [name, text] of Object.entries(FILES)) {
      const file = path.join(dir, 'cases', name);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
    }
    const out = path.join(dir, 'review.html');
    const code = await runReview([SAMPLES, path.join(dir, 'cases')], { groupBy: 'dir', output: out });
    expect(code).toBe(0);
    url = pathToFileURL(out).href;
    browser = await chromium.launch({ executablePath: CHROMIUM!, args: FLAGS });
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      reducedMotion: 'reduce',
    });
    page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) console.info(`review page and screenshots: ${dir}`);
  });

  const visibleCases = () =>
    page.$$eval('section.case', (els) => els.filter((e) => !(e as HTMLElement).hidden).map((e) => e.id));

  it('opens offline: one request (the file itself), no error, no CSP violation', async () => {
    expect(requests).toEqual([url]);
    expect(problems).toEqual([]);
    expect(await page.locator('html.js').count()).toBe(1); // the page's own script ran
  });

  it('shows an injected <script> and <img onerror> as text, and neither runs', async () => {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.evaluate(() => document.scripts.length)).toBe(1);
    expect(await page.locator('main img').count()).toBe(0);
    const pre = page.locator('pre.doc-text', { hasText: 'Note pasted from portal' });
    expect(await pre.textContent()).toContain(INJECTION);
  });

  it('highlights findings by assertion, with a tooltip on focus and hover, and keyboard stops', async () => {
    expect(await page.locator('.doc-text mark.hl').count()).toBeGreaterThan(200);
    const imaging = page.locator('section.case[id$="pt-imaging"]');
    const fracture = imaging.locator('.doc-text mark.hl.a-absent', { hasText: /^fracture$/ }).first();
    await expect.poll(() => fracture.count()).toBe(1);
    await fracture.focus();
    const tip = page.locator('#tip');
    await expect.poll(() => tip.isVisible()).toBe(true);
    const text = (await tip.textContent()) ?? '';
    expect(text).toContain('compression_fracture');
    expect(text).toContain('Assertion: absent');
    expect(text).toMatch(/Cue \(negation\): "no evidence of"/i);
    expect(await fracture.getAttribute('aria-describedby')).toBe('tip');

    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.matches('mark.hl'))).toBe(true);
    await page.keyboard.press('Escape');
    expect(await tip.isVisible()).toBe(false);

    const spondylosis = imaging.locator('.doc-text mark.hl.a-present', { hasText: /^spondylosis$/ });
    await spondylosis.hover();
    await expect.poll(() => tip.textContent()).toContain('spondylosis');
    await page.screenshot({ path: path.join(dir, 'desktop-tooltip.png') });
  });

  it('filters by triage, by warning and by search, and says how many are shown', async () => {
    const all = (await visibleCases()).length;
    expect(all).toBe(21);
    const urgent = await page.locator('section.case[data-triage="urgent"]').count();
    await page.getByRole('checkbox', { name: /Urgent/ }).uncheck();
    expect((await visibleCases()).length).toBe(all - urgent);
    expect(await page.locator('section.case[data-triage="urgent"]:visible').count()).toBe(0);
    expect(await page.locator('.index li[data-triage="urgent"]:visible').count()).toBe(0);
    expect(await page.locator('#f-status').textContent()).toBe(`Showing ${all - urgent} of ${all} cases`);
    await page.getByRole('checkbox', { name: /Urgent/ }).check();

    await page.getByLabel('Warning', { exact: true }).selectOption('imaging-only');
    const shown = await visibleCases();
    expect(shown.some((id) => id.endsWith('pt-imaging'))).toBe(true);
    for (const id of shown)
      expect(await page.locator(`#${id}`).getAttribute('data-warnings')).toContain('imaging-only');
    expect(shown.length).toBe(await page.locator('section.case[data-warnings~="imaging-only"]').count());
    await page.getByLabel('Warning', { exact: true }).selectOption('');

    await page.getByLabel('Search', { exact: true }).fill('hoffmann');
    const found = await visibleCases();
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(all);
    for (const id of found)
      expect((await page.locator(`#${id}`).textContent())!.toLowerCase()).toContain('hoffmann');
    await page.getByLabel('Search', { exact: true }).fill('');
    expect((await visibleCases()).length).toBe(all);
  });

  it('scrolls to the span of a fact when the fact is clicked, focusing and flashing it', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const myelopathy = page.locator('section.case[id$="pt-myelopathy"]');
    await myelopathy.locator('h3', { hasText: 'Facts' }).scrollIntoViewIfNeeded();
    const link = myelopathy.locator('table.facts a.jump', { hasText: '02-clinic-followup.txt' }).first();
    const id = ((await link.getAttribute('href')) ?? '').slice(1);
    const target = page.locator(`[id="${id}"]`);
    const inView = () =>
      target.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      });
    expect(await inView()).toBe(false);
    await link.click();
    await expect.poll(inView).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(id);
    expect(await target.getAttribute('class')).toContain('flash');
    expect(await page.evaluate(() => location.hash)).toBe(`#${id}`);
    await page.screenshot({ path: path.join(dir, 'desktop-after-click.png') });
  });

  it('looks clean at 1280×800 and 400 px wide, and prints without the controls', async () => {
    await page.keyboard.press('Escape');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(dir, 'desktop-1280x800.png') });
    await page.setViewportSize({ width: 400, height: 800 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(dir, 'narrow-400-top.png') });
    await page.locator('section.case[id$="pt-myelopathy"] .doc').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(dir, 'narrow-400-document.png') });
    // Nothing but scrollable tables and timelines may be wider than a phone screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#filters').isVisible()).toBe(false);
    expect(await page.locator('.doc-text mark.hl').first().isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    for (const f of ['desktop-1280x800.png', 'narrow-400-top.png', 'narrow-400-document.png'])
      expect(existsSync(path.join(dir, f))).toBe(true);
  });
});
