// Small statistics for benchmark samples (milliseconds unless said otherwise).

/** Nearest-rank percentile of a sorted array. */
function rank(sorted, p) {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** n, median, quartiles (the spread), p95, min and max of the finite values. */
export function summary(values) {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!s.length) return { n: 0 };
  return {
    n: s.length,
    median: round(median(s)),
    p25: round(rank(s, 25)),
    p75: round(rank(s, 75)),
    p95: round(rank(s, 95)),
    min: round(s[0]),
    max: round(s[s.length - 1]),
  };
}

export function round(x, digits = 3) {
  if (!Number.isFinite(x)) return x;
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}

/** Per-pair ratios a[i]/b[i], summarised. */
export function ratios(a, b) {
  return summary(a.map((x, i) => x / b[i]));
}
