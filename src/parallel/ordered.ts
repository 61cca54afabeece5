/**
 * Tasks that finish in any order, consumed in the order they were started, with at most `limit` started and
 * not yet consumed: memory stays flat on any number of inputs, and each result is written as soon as every
 * earlier one is (a line-by-line client of `--jsonl-in` gets each answer without waiting for a window to
 * fill).
 */

/** The first items and whether enough follow to make starting workers worth it (without losing any). */
export interface Lookahead<I> {
  /** Every item, the first ones included. */
  items: AsyncIterable<I>;
  /** Whether `enough` held of the items seen in time: the caller starts workers only then. */
  many: boolean;
}

const TIMED_OUT = Symbol('timed out');

const twoOrMore = (seen: readonly unknown[]) => seen.length >= 2;

/**
 * Peek at the first items until `enough` of them (by default two) have come, or the source ends. After
 * the first item, `waitMs` bounds the wait (a client that sends one line and waits for its answer must
 * get it); past it, `many` is false but the items still all come. Only the items peeked at are held.
 */
export async function lookahead<I>(
  source: AsyncIterable<I>,
  waitMs = Number.POSITIVE_INFINITY,
  enough: (seen: readonly I[]) => boolean = twoOrMore,
): Promise<Lookahead<I>> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return { items: (async function* () {})(), many: false };
  const seen: I[] = [first.value];
  let timer: NodeJS.Timeout | undefined;
  const timeout = Number.isFinite(waitMs)
    ? new Promise<typeof TIMED_OUT>((r) => {
        timer = setTimeout(() => r(TIMED_OUT), waitMs);
      })
    : null;
  let pending: Promise<IteratorResult<I>> | null = null;
  let ended = false;
  let many = enough(seen);
  while (!many) {
    pending = it.next();
    const got = await (timeout ? Promise.race([pending, timeout]) : pending);
    if (got === TIMED_OUT) break;
    pending = null;
    if (got.done) {
      ended = true;
      break;
    }
    seen.push(got.value);
    many = enough(seen);
  }
  clearTimeout(timer);
  async function* all(): AsyncGenerator<I> {
    yield* seen.splice(0);
    if (ended) return;
    if (pending) {
      const got = await pending;
      if (got.done) return;
      yield got.value;
    }
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

/**
 * The items in runs of up to `size`, in order; an item for which `alone` holds comes as a run of its own.
 * A run is yielded once full (or at the end): a source that pauses between items delays its run.
 */
export async function* runsOf<I>(
  items: AsyncIterable<I>,
  size: number,
  alone: (item: I) => boolean = () => false,
): AsyncGenerator<I[]> {
  let run: I[] = [];
  for await (const item of items) {
    if (alone(item)) {
      if (run.length) yield run;
      run = [];
      yield [item];
      continue;
    }
    run.push(item);
    if (run.length >= size) {
      yield run;
      run = [];
    }
  }
  if (run.length) yield run;
}
