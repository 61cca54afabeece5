/**
 * The window behind `--jobs`: results in input order whatever order tasks finish in, never more than the
 * limit in flight (memory stays flat on any number of inputs), and the look-ahead that decides whether
 * workers start at all.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lookahead, runOrdered, runsOf } from '../../src/parallel/ordered.js';
import { workerModule } from '../../src/parallel/pool.js';
import { packageRoot } from '../../src/util/package-root.js';
import { rng } from '../helpers/random.js';

async function* count(n: number, gapMs = 0): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) {
    if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
    yield i;
  }
}

const later = <T>(value: T, ms: number) => new Promise<T>((r) => setTimeout(() => r(value), ms));

describe('runOrdered', () => {
  it('consumes in input order with at most `limit` started and not yet consumed', async () => {
    const random = rng(6);
    let started = 0;
    let consumed = 0;
    let most = 0;
    const order: number[] = [];
    await runOrdered(
      count(300),
      16,
      (i) => {
        started++;
        most = Math.max(most, started - consumed);
        return later(i * 10, Math.floor(random() * 4));
      },
      async (value, item) => {
        expect(value).toBe(item * 10);
        order.push(item);
        consumed++;
        if (item % 7 === 0) await later(null, 1); // a slow writer holds the window full
      },
    );
    expect(order).toEqual([...Array(300).keys()]);
    expect(most).toBeLessThanOrEqual(16);
    expect(most).toBeGreaterThan(1);
  });

  it('stops starting tasks when consuming fails, and rethrows', async () => {
    let started = 0;
    const run = runOrdered(
      count(1000),
      4,
      (i) => {
        started++;
        return later(i, 1);
      },
      (value) => {
        if (value === 10) throw new Error('disk full');
      },
    );
    await expect(run).rejects.toThrow('disk full');
    expect(started).toBeLessThan(20);
  });

  it('writes each result as soon as the ones before it are out, without waiting for a full window', async () => {
    const times: number[] = [];
    const t0 = performance.now();
    await runOrdered(
      count(3, 30),
      100,
      (i) => Promise.resolve(i),
      () => {
        times.push(performance.now() - t0);
      },
    );
    expect(times[0]!).toBeLessThan(times[2]! - 30);
  });
});

describe('lookahead', () => {
  it('says whether a second item follows, and loses none', async () => {
    for (const n of [0, 1, 2, 5]) {
      const { items, many } = await lookahead(count(n));
      expect(many).toBe(n > 1);
      const all: number[] = [];
      for await (const i of items) all.push(i);
      expect(all).toEqual([...Array(n).keys()]);
    }
  });

  it('gives up waiting for a slow second item but still yields it', async () => {
    const { items, many } = await lookahead(count(3, 60), 20);
    expect(many).toBe(false);
    const all: number[] = [];
    for await (const i of items) all.push(i);
    expect(all).toEqual([0, 1, 2]);
  });
});

describe('runsOf', () => {
  const runs = async (n: number, size: number, alone?: (i: number) => boolean) => {
    const out: number[][] = [];
    for await (const run of runsOf(count(n), size, alone)) out.push(run);
    return out;
  };

  it('cuts the items into runs of the size, in order, the last one short', async () => {
    expect(await runs(0, 4)).toEqual([]);
    expect(await runs(3, 4)).toEqual([[0, 1, 2]]);
    expect(await runs(9, 4)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8]]);
  });

  it('gives an item that must go alone a run of its own, and loses none around it', async () => {
    const multipleOf3 = (i: number) => i % 3 === 0;
    const got = await runs(11, 4, multipleOf3);
    expect(got.flat()).toEqual([...Array(11).keys()]);
    for (const run of got) {
      if (run.some(multipleOf3)) expect(run).toHaveLength(1);
      expect(run.length).toBeLessThanOrEqual(4);
    }
    expect(got).toEqual([[0], [1, 2], [3], [4, 5], [6], [7, 8], [9], [10]]);
  });
});

describe('workerModule', () => {
  it('finds the compiled worker from dist/ and from the TypeScript sources', () => {
    const built = join(packageRoot(), 'dist', 'src', 'parallel', 'worker.js');
    expect(workerModule(pathToFileURL(join(packageRoot(), 'dist', 'src', 'parallel', 'pool.js')).href)).toBe(
      built,
    );
    expect(workerModule(pathToFileURL(join(packageRoot(), 'src', 'parallel', 'pool.ts')).href)).toBe(built);
    expect(() => workerModule(pathToFileURL(join(tmpdir(), 'nowhere', 'pool.js')).href)).toThrow(
      /npm run build/,
    );
  });
});
