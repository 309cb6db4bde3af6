// Exact arithmetic on plain decimal strings ("104569.5", "-0.019691") as scaled BigInts: the value
// is `units × 10^-scale`. No float is ever involved, so sums and products are exact to the last digit.
// Shared by the engine (storage sums) and the renderer (tape notional, grouped sizes).

export interface Scaled {
  /** The digits without the point, signed. */
  units: bigint
  /** Digits after the point. */
  scale: number
}

const TEN = 10n

/** Parses a plain decimal string (optional leading '-', digits, at most one '.'); no exponent. */
export function toScaled(s: string): Scaled {
  const neg = s.startsWith('-')
  const body = neg ? s.slice(1) : s
  const dot = body.indexOf('.')
  const digits = dot < 0 ? body : body.slice(0, dot) + body.slice(dot + 1)
  const units = BigInt(digits === '' ? '0' : digits)
  return { units: neg ? -units : units, scale: dot < 0 ? 0 : body.length - dot - 1 }
}

/** The same value with `scale` digits after the point (scale ≥ v.scale). */
export function rescale(v: Scaled, scale: number): bigint {
  return scale === v.scale ? v.units : v.units * TEN ** BigInt(scale - v.scale)
}

/** The canonical text: no trailing fractional zeros, no trailing point, '0' for zero ("1.50" → "1.5"). */
export function fromScaled(units: bigint, scale: number): string {
  const neg = units < 0n
  let digits = (neg ? -units : units).toString()
  let s = scale
  while (s > 0 && digits.endsWith('0')) {
    digits = digits.slice(0, -1)
    s--
  }
  if (digits === '0' || digits === '') return '0'
  digits = digits.padStart(s + 1, '0')
  const whole = digits.slice(0, digits.length - s)
  const text = s > 0 ? `${whole}.${digits.slice(digits.length - s)}` : whole
  return neg ? `-${text}` : text
}

export function isDecimalString(s: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(s)
}

/** Exact sum ('0.1' + '0.25' = '0.35'), in canonical text. */
export function addDecimals(values: readonly string[]): string {
  const parsed = values.map(toScaled)
  const scale = parsed.reduce((m, v) => Math.max(m, v.scale), 0)
  let total = 0n
  for (const v of parsed) total += rescale(v, scale)
  return fromScaled(total, scale)
}

/** Exact product ('104569.5' × '0.019691' = '2059.0680245'), in canonical text. */
export function multiplyDecimals(a: string, b: string): string {
  const x = toScaled(a)
  const y = toScaled(b)
  return fromScaled(x.units * y.units, x.scale + y.scale)
}
