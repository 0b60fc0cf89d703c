import { quantile } from 'simple-statistics';

/** Median and interquartile range of a sample. */
export interface Summary {
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
  readonly n: number;
}

/** Median and quartiles (linear interpolation, R's type 7); NaN for an empty sample. */
export function summarize(values: readonly number[]): Summary {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { median: Number.NaN, q1: Number.NaN, q3: Number.NaN, n: 0 };
  const [q1, median, q3] = quantile(finite, [0.25, 0.5, 0.75]);
  return { median: median!, q1: q1!, q3: q3!, n: finite.length };
}

/** Element-wise ratios a[i] / b[i] of two paired samples. */
export function pairRatios(a: readonly number[], b: readonly number[]): number[] {
  return a.slice(0, b.length).map((x, i) => x / b[i]!);
}
