// Summary statistics for the bench: percentiles, medians of repeats, least-squares slopes.
// Everything works on plain number arrays so each part can report the same way.

/** Nearest-rank percentile (p in [0, 100]) of unsorted values; null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null
  const sorted = Float64Array.from(values).sort()
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]
}

export function median(values: readonly number[]): number | null {
  return percentile(values, 50)
}

export function max(values: readonly number[]): number | null {
  let m: number | null = null
  for (const v of values) if (m === null || v > m) m = v
  return m
}

/** Least-squares slope of y over x (units of y per unit of x); null with fewer than two points. */
export function slope(xs: readonly number[], ys: readonly number[]): number | null {
  const n = Math.min(xs.length, ys.length)
  if (n < 2) return null
  let sx = 0
  let sy = 0
  for (let i = 0; i < n; i++) {
    sx += xs[i]
    sy += ys[i]
  }
  const mx = sx / n
  const my = sy / n
  let num = 0
  let den = 0
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my)
    den += (xs[i] - mx) * (xs[i] - mx)
  }
  return den === 0 ? null : num / den
}

/** Rounds for the report: enough digits to compare runs, no float noise in the JSON. */
export function round(value: number | null, digits = 2): number | null {
  if (value === null || !Number.isFinite(value)) return null
  const f = 10 ** digits
  return Math.round(value * f) / f
}

export function ratio(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : a / b
}
