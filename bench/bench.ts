// The shape of a bench module run by `npm run bench` (scripts/bench.mjs).

/** One line of the results table. */
export interface BenchRow {
  metric: string;
  value: number | string;
  unit?: string;
  /** What the figure means or what it was measured with. */
  note?: string;
}

/** A bench module's default export. */
export interface Bench {
  name: string;
  description: string;
  run(): Promise<BenchRow[]>;
}
