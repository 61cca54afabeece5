/** The bench's target rows: `--jobs 2` is judged on both commands, and the machine's ceiling is shown beside it. */
import { describe, expect, it } from 'vitest';
import { jobsTarget, speedupOf, type Throughput } from '../../bench/report.js';

const run = (label: string, wallMs: number, cpuMs: number | null = null): Throughput => ({
  label,
  command: `spinex ${label}`,
  docs: 9570,
  written: 9570,
  wallMs,
  cpuMs,
  peakRssMb: 200,
  status: 0,
  runs: 3,
});

describe('bench target rows', () => {
  it('reads the speed-up of --jobs 2 as the wall time of one job over that of two', () => {
    expect(speedupOf([run('1 job', 6000), run('2 jobs', 3000)])).toBe(2);
    expect(speedupOf(undefined)).toBeNull();
  });

  it('meets the --jobs target only when extract and batch both reach 1.7x', () => {
    const fast = [run('1 job', 6000), run('2 jobs', 3400)];
    const slow = [run('1 job', 6000), run('2 jobs', 5000)];
    expect(jobsTarget('steady state', fast, fast).met).toBe(true);
    expect(jobsTarget('steady state', fast, slow).met).toBe(false);
  });

  it("shows the machine's ceiling beside the measured speed-ups, with the CPU time of each run", () => {
    const pair = [run('1 job', 6000, 8000), run('2 jobs', 6500, 12500)];
    const row = jobsTarget('steady state', pair, pair, 1.52);
    expect(row.measured).toBe(
      "extract 0.92× (CPU 8.0 → 12.5 s); batch 0.92× (CPU 8.0 → 12.5 s); this machine's ceiling (two one-job runs at once): 1.52×",
    );
    expect(jobsTarget('steady state', pair, pair).measured).not.toContain('ceiling');
  });
});
