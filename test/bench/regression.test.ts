/**
 * Performance regression guard (issue 6). It never compares against an absolute time: the pipeline
 * (extract + guideline + one JSON line per document, over the sample reports and case notes) is timed against
 * the read-and-scan floor (one regular expression over the same strings) in the same process, interleaved,
 * best of several rounds, so a slow or busy machine slows both alike. It fails only on a large slowdown.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { floorStrings } from '../../bench/floor.js';
import { runCase } from '../../src/guideline/index.js';
import { normaliseText } from '../../src/ingest/index.js';
import { createExtractorSync } from '../../src/pipeline/index.js';
import { packageRoot } from '../../src/util/package-root.js';

// Pipeline time / floor time on the samples was ~430–560 when this guard was written (2-core x86 machine,
// Node 20). The limit is ~4× that: tight enough to catch a quadratic step, a per-term regular expression or a
// compromise parse of whole documents creeping into the hot path, loose enough for machine-to-machine
// differences. Tighten it as the pipeline gets faster (the goal is ≤ 10× on the real corpora).
const MAX_RATIO = 2000;
const ROUNDS = 5;
// The floor over ~50 KB takes well under a millisecond; repeating it keeps timer resolution out of the ratio.
const FLOOR_REPEAT = 20;

function sampleTexts(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sampleTexts(p));
    else if (e.name.endsWith('.txt')) out.push(readFileSync(p, 'utf8'));
  }
  return out;
}

describe('performance regression guard', () => {
  it('keeps the pipeline within a bounded multiple of the read-and-scan floor', () => {
    const texts = sampleTexts(join(packageRoot(), 'samples'));
    expect(texts.length).toBeGreaterThan(20);
    const extractor = createExtractorSync();
    let sink = 0;
    const pipeline = () => {
      for (let i = 0; i < texts.length; i++) {
        const text = normaliseText(texts[i]!);
        const result = extractor.extract({ source: `sample-${i}.txt`, text, pages: null, errors: [] });
        sink += JSON.stringify(runCase([{ result, text }])).length;
      }
    };
    const floor = () => {
      for (let r = 0; r < FLOOR_REPEAT; r++) sink += floorStrings(texts.map(normaliseText));
    };
    const time = (f: () => void) => {
      const t = performance.now();
      f();
      return performance.now() - t;
    };
    // Warm-up: lexicons, the guideline and V8's optimiser, for both sides.
    for (let i = 0; i < 2; i++) {
      pipeline();
      floor();
    }
    let best = Number.POSITIVE_INFINITY;
    let bestFloor = Number.POSITIVE_INFINITY;
    for (let i = 0; i < ROUNDS; i++) {
      bestFloor = Math.min(bestFloor, time(floor) / FLOOR_REPEAT);
      best = Math.min(best, time(pipeline));
    }
    const ratio = best / bestFloor;
    expect(sink).toBeGreaterThan(0);
    expect(
      ratio,
      `pipeline ${best.toFixed(1)} ms vs floor ${bestFloor.toFixed(2)} ms over ${texts.length} samples`,
    ).toBeLessThan(MAX_RATIO);
  }, 30_000);
});
