// Small statistics for benchmark samples (milliseconds unless said otherwise).

/** Nearest-rank percentile of a sorted array. */
function rank(sorted, p) {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function summary(values) {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!s.length) return { n: 0 };
  return {
    n: s.length,
    median: round(median(s)),
    p90: round(rank(s, 90)),
    p95: round(rank(s, 95)),
    min: round(s[0]),
    max: round(s[s.length - 1]),
    mean: round(s.reduce((a, b) => a + b, 0) / s.length),
  };
}

export function round(x, digits = 3) {
  if (x === null || x === undefined || !Number.isFinite(x)) return x;
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}

/** Per-pair ratios a[i]/b[i], summarised. */
export function ratios(a, b) {
  const r = a.map((x, i) => x / b[i]).filter(Number.isFinite);
  return summary(r);
}
