/** Exit codes, documented in the README: scripts and schedulers rely on them. */
export const EXIT = {
  /** Every input was read. */
  ok: 0,
  /** Some inputs could not be read; their error records are in the output. */
  unreadable: 1,
  /** Bad arguments or options. */
  usage: 2,
  /** `batch --fail-on LEVEL` and some case reached that triage level. */
  failOn: 3,
} as const;
