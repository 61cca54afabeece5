/** The batch progress display, rendered into a fake terminal with a fake clock. */
import { describe, expect, it } from 'vitest';
import { createProgress, progressLine } from '../../src/cli/progress.js';

const CLEAR = '\r\x1b[K';

function fakeTerminal(isTTY = true, columns = 80) {
  const writes: string[] = [];
  let clock = 0;
  return {
    writes,
    stream: { isTTY, columns, write: (s: string) => writes.push(s) },
    now: () => clock,
    advance: (ms: number) => {
      clock += ms;
    },
    /** What the terminal shows on its last line: everything after the last carriage return. */
    screen: () => {
      const all = writes.join('');
      return all.slice(all.lastIndexOf('\r') + 1).replace('\x1b[K', '');
    },
  };
}

describe('progress display', () => {
  it('shows documents done, documents per second and documents with errors', () => {
    const t = fakeTerminal();
    const p = createProgress({ stream: t.stream, now: t.now });
    t.advance(1000);
    p.tick(false);
    t.advance(1000);
    p.tick(true);
    t.advance(1000);
    p.tick(false);
    expect(t.screen()).toBe('spinex: 3 documents, 1.0/s, 1 with errors, 0:03');
    expect(progressLine(12_345, 7, 65_000)).toBe('spinex: 12345 documents, 190/s, 7 with errors, 1:05');
  });

  it('redraws at most 10 times a second however fast documents finish', () => {
    const t = fakeTerminal();
    const p = createProgress({ stream: t.stream, now: t.now });
    for (let i = 0; i < 1000; i++) {
      p.tick(i % 10 === 0);
      t.advance(2); // 500 documents a second for two seconds
    }
    const draws = t.writes.filter((w) => w.startsWith(CLEAR) && w.length > CLEAR.length);
    expect(draws.length).toBeGreaterThanOrEqual(15);
    expect(draws.length).toBeLessThanOrEqual(21);
    // The screen lags at most one redraw interval (50 documents here) behind.
    expect(t.screen()).toMatch(/^spinex: 9[5-9]\d documents, 50\d\/s, 9\d with errors, 0:01$/);
  });

  it('clears itself before a problem line, and at the end, once', () => {
    const t = fakeTerminal();
    const p = createProgress({ stream: t.stream, now: t.now });
    p.tick(false);
    p.note('/data/x.pdf: needs-ocr: no text layer');
    expect(t.writes.slice(-2)).toEqual([CLEAR, '/data/x.pdf: needs-ocr: no text layer\n']);
    t.advance(150);
    p.tick(true);
    p.done();
    p.done();
    expect(t.writes.at(-1)).toBe(CLEAR);
    expect(t.writes.filter((w) => w === CLEAR)).toHaveLength(2);
    p.tick(false); // after done: nothing more is drawn
    expect(t.writes.at(-1)).toBe(CLEAR);
  });

  it('fits the terminal width', () => {
    const t = fakeTerminal(true, 30);
    createProgress({ stream: t.stream, now: t.now }).tick(false);
    expect(t.screen()).toHaveLength(29);
  });

  it('writes nothing but problem lines when the stream is not a terminal', () => {
    const t = fakeTerminal(false);
    const p = createProgress({ stream: t.stream, now: t.now });
    for (let i = 0; i < 100; i++) {
      p.tick(true);
      t.advance(500);
    }
    p.note('a.txt: empty: is empty (0 bytes)');
    p.done();
    expect(t.writes).toEqual(['a.txt: empty: is empty (0 bytes)\n']);
  });
});
