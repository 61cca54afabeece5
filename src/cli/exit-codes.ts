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
  /**
   * `case`, `batch`, `review`: some case could not be evaluated (a bug in spinex). It is missing from the
   * output, so neither the output nor a `--fail-on` check is complete: this wins over 3 and 1.
   */
  notEvaluated: 4,
} as const;
