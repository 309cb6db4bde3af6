// Value parsers the flag table shares (the settings validators live in src/shared/validate.ts).

import { fail, ok, type Parsed } from '../../../shared/validate'

/** An integer in [min, max], named in the error by `what`. */
export function integerIn(min: number, max: number, what = 'value'): (raw: string) => Parsed<number> {
  return (raw) => {
    const n = /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN
    return Number.isSafeInteger(n) && n >= min && n <= max
      ? ok(n)
      : fail(`${what} must be an integer between ${min} and ${max}`)
  }
}

/** Any finite number in [min, max]. */
export function numberIn(min: number, max: number, what = 'value'): (raw: string) => Parsed<number> {
  return (raw) => {
    const n = raw.trim() === '' ? NaN : Number(raw)
    return Number.isFinite(n) && n >= min && n <= max
      ? ok(n)
      : fail(`${what} must be a number between ${min} and ${max}`)
  }
}

export function positiveInteger(raw: string): Parsed<number> {
  const n = /^\d+$/.test(raw.trim()) ? Number(raw) : NaN
  return Number.isSafeInteger(n) && n > 0 ? ok(n) : fail('must be a positive integer')
}

export function nonEmpty(what: string): (raw: string) => Parsed<string> {
  return (raw) => (raw.trim() === '' ? fail(`needs ${what}`) : ok(raw))
}

/** One of `choices`, exactly. */
export function oneOf<const C extends string>(choices: readonly C[], what: string): (raw: string) => Parsed<C> {
  return (raw) =>
    (choices as readonly string[]).includes(raw) ? ok(raw as C) : fail(`${what} must be one of ${choices.join(', ')}`)
}

/** A comma-separated subset of `choices`. */
export function listOf<const C extends string>(choices: readonly C[], what: string): (raw: string) => Parsed<C[]> {
  return (raw) => {
    const items = raw.split(',').map((s) => s.trim())
    const bad = items.find((s) => !(choices as readonly string[]).includes(s))
    return bad === undefined
      ? ok(items as C[])
      : fail(`unknown ${what} ${JSON.stringify(bad.slice(0, 40))} (${choices.join(', ')})`)
  }
}
