// What one command-line flag is: its name, type, environment variable, help text, parser and default.
// The table of every flag is flag-table.ts; the entry points pick their subsets in commands.ts.

import type { Parsed } from '../../../shared/validate'

export interface FlagSpec<T = unknown, D extends T | undefined = T | undefined> {
  /** The long name without dashes: `max-trades-per-symbol` for `--max-trades-per-symbol`. */
  readonly name: string
  /** `string` takes a value (`--x V` or `--x=V`); `boolean` is a switch. */
  readonly type: 'string' | 'boolean'
  /** The `MDM_*` (or other) environment variable with the same meaning; null: none. */
  readonly env: string | null
  readonly help: string
  /** The value's placeholder in --help (`N`, `URL`). */
  readonly valueName: string
  /** Parses a value from argv or the environment (a switch's environment value: 1/true/yes/on, 0/false/no/off). */
  readonly parse: (raw: string) => Parsed<T>
  /** The value when neither argv nor the environment gives one. */
  readonly default: D
  /** The default as --help shows it, when the value alone would not say it well. */
  readonly defaultHelp?: string
}

type ValueFlagInput<T, D extends T | undefined> = Omit<FlagSpec<T, D>, 'type' | 'env'> & { env?: string }

/** A flag that takes a value. */
export function valueFlag<T, D extends T | undefined>(spec: ValueFlagInput<T, D>): FlagSpec<T, D> {
  return { ...spec, type: 'string', env: spec.env ?? null }
}

const TRUE_WORDS = /^(1|true|yes|on)$/i
const FALSE_WORDS = /^(0|false|no|off)$/i

/** A switch: present means on. Its environment value must be one of the words, never guessed. */
export function switchFlag(spec: { name: string; help: string; env?: string }): FlagSpec<boolean, false> {
  return {
    ...spec,
    type: 'boolean',
    env: spec.env ?? null,
    valueName: '',
    default: false,
    parse: (raw) =>
      TRUE_WORDS.test(raw.trim())
        ? { ok: true, value: true }
        : FALSE_WORDS.test(raw.trim())
          ? { ok: true, value: false }
          : {
              ok: false,
              error: `must be 1, true, yes, on or 0, false, no, off (got ${JSON.stringify(raw.slice(0, 40))})`
            }
  }
}
