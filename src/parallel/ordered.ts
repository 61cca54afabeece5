/**
 * Tasks that finish in any order, consumed in the order they were started, with at most `limit` started and
 * not yet consumed: memory stays flat on any number of inputs, and each result is written as soon as every
 * earlier one is (a line-by-line client of `--jsonl-in` gets each answer without waiting for a window to
 * fill).
 */

/** The first item and whether a second one follows (without losing it), after at most `waitMs`. */
export interface Lookahead<I> {
  /** Every item, the first ones included. */
  items: AsyncIterable<I>;
  /** Whether a second item arrived in time: the caller starts workers only then. */
  many: boolean;
}

const TIMED_OUT = Symbol('timed out');

/**
 * Peek at the first two items. `waitMs` bounds the wait for the second one (a client that sends one line
 * and waits for its answer must get it); past it, `many` is false but the items still all come.
 */
export async function lookahead<I>(
  source: AsyncIterable<I>,
  waitMs = Number.POSITIVE_INFINITY,
): Promise<Lookahead<I>> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return { items: (async function* () {})(), many: false };
  const next = it.next();
  let timer: NodeJS.Timeout | undefined;
  const second = await (Number.isFinite(waitMs)
    ? Promise.race([
        next,
        new Promise<typeof TIMED_OUT>((r) => (timer = setTimeout(() => r(TIMED_OUT), waitMs))),
      ])
    : next);
  clearTimeout(timer);
  const many = second !== TIMED_OUT && !second.done;
  async function* all(): AsyncGenerator<I> {
    yield first.value;
    const got = second === TIMED_OUT ? await next : second;
    if (got.done) return;
    yield got.value;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  return { items: all(), many };
}

/**
 * For each item in order: `start` it (it may finish in any order), then `consume` its result in item order.
 * `start` should not reject for a single item's failure (turn it into a result); a rejection, or a throw in
 * `consume`, stops the run: nothing more is started, and the error is rethrown once started tasks settle.
 */
export async function runOrdered<I, T>(
  items: AsyncIterable<I>,
  limit: number,
  start: (item: I, index: number) => Promise<T>,
  consume: (result: T, item: I, index: number) => Promise<void> | void,
): Promise<void> {
  const queue: { item: I; index: number; done: Promise<T> }[] = [];
  // One waiter each at most: the consumer for a task to be started, the producer for room in the window.
  const wake: { consumer: (() => void) | null; producer: (() => void) | null } = {
    consumer: null,
    producer: null,
  };
  const state: { produced: boolean; failure: { error: unknown } | null } = { produced: false, failure: null };

  const consumer = (async () => {
    try {
      for (;;) {
        const head = queue[0];
        if (!head) {
          if (state.produced) return;
          await new Promise<void>((r) => {
            wake.consumer = r;
          });
          continue;
        }
        const result = await head.done;
        queue.shift();
        wake.producer?.();
        await consume(result, head.item, head.index);
      }
    } catch (error) {
      state.failure = { error };
      wake.producer?.();
    }
  })();

  try {
    let index = 0;
    for await (const item of items) {
      while (queue.length >= limit && !state.failure) {
        await new Promise<void>((r) => {
          wake.producer = r;
        });
        wake.producer = null;
      }
      if (state.failure) break;
      const done = start(item, index);
      // Settled through the consumer; a rejection left behind after a failure must not be "unhandled".
      done.catch(() => undefined);
      queue.push({ item, index, done });
      index++;
      wake.consumer?.();
      wake.consumer = null;
    }
  } finally {
    state.produced = true;
    wake.consumer?.();
    wake.consumer = null;
    await consumer;
    if (state.failure) await Promise.allSettled(queue.map((q) => q.done));
  }
  if (state.failure) throw state.failure.error;
}
