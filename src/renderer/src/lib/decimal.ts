// Exact decimal strings for display: sums and products come from the shared exact helpers; here
// they are only rounded for the eye (the exact string stays available for tooltips).

import { fromScaled, rescale, toScaled } from '../../../shared/exact-decimal'

export { addDecimals, isDecimalString, multiplyDecimals } from '../../../shared/exact-decimal'

/** Digits after the point of a decimal string ('0.0641' → 4). */
export function scaleOf(s: string): number {
  const dot = s.indexOf('.')
  return dot < 0 ? 0 : s.length - dot - 1
}

/**
 * Places that show a value readably: its own digits up to `maxPlaces`, but at least `minSignificant`
 * significant digits for a value below 1 (0.000012345 is not shown as 0.0000).
 */
export function placesFor(value: string, maxPlaces: number, minSignificant = 4): number {
  const scale = scaleOf(value)
  const body = value.startsWith('-') ? value.slice(1) : value
  if (!body.startsWith('0.')) return Math.min(scale, maxPlaces)
  let zeros = 0
  while (body.charCodeAt(2 + zeros) === 48) zeros++
  return Math.min(scale, Math.max(maxPlaces, zeros + minSignificant))
}

/** Thousands separators in the whole part ('64044.18' → '64,044.18'). */
export function groupThousands(s: string): string {
  const neg = s.startsWith('-')
  const body = neg ? s.slice(1) : s
  const dot = body.indexOf('.')
  const whole = dot < 0 ? body : body.slice(0, dot)
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return (neg ? '-' : '') + grouped + (dot < 0 ? '' : body.slice(dot))
}

/** Rounded half away from zero to exactly `places` digits after the point, grouped: exact digits, no float. */
export function fmtDecimal(value: string, places: number): string {
  const v = toScaled(value)
  let units: bigint
  if (v.scale <= places) units = rescale(v, places)
  else {
    const div = 10n ** BigInt(v.scale - places)
    const mag = v.units < 0n ? -v.units : v.units
    const rounded = (mag + div / 2n) / div
    units = v.units < 0n ? -rounded : rounded
  }
  const text = fromScaled(units, places)
  const shown =
    places > scaleOf(text) ? `${text}${scaleOf(text) === 0 ? '.' : ''}${'0'.repeat(places - scaleOf(text))}` : text
  return groupThousands(shown)
}
