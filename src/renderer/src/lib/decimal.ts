// Exact sums of decimal strings (grouped tape rows add sizes); BigInt fixed point, no float artifacts.

function scaleOf(s: string): number {
  const dot = s.indexOf('.')
  return dot < 0 ? 0 : s.length - dot - 1
}

function toScaled(s: string, scale: number): bigint {
  const neg = s.startsWith('-')
  const body = neg ? s.slice(1) : s
  const [whole, frac = ''] = body.split('.')
  const v = BigInt((whole || '0') + frac.padEnd(scale, '0'))
  return neg ? -v : v
}

function fromScaled(v: bigint, scale: number): string {
  const neg = v < 0n
  const digits = (neg ? -v : v).toString().padStart(scale + 1, '0')
  const whole = digits.slice(0, digits.length - scale)
  const frac = scale > 0 ? digits.slice(digits.length - scale) : ''
  return (neg ? '-' : '') + whole + (frac ? `.${frac}` : '')
}

export function isDecimalString(s: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(s)
}

/** Sum of decimal strings at the widest scale among them ('0.1' + '0.25' = '0.35'). */
export function addDecimals(values: readonly string[]): string {
  if (values.length === 0) return '0'
  const scale = Math.max(...values.map(scaleOf))
  let total = 0n
  for (const v of values) total += toScaled(v, scale)
  return fromScaled(total, scale)
}
