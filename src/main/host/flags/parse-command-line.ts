// argv, then the environment for the flags argv did not give, through the flag table, for one entry
// point: typed values, --help (before anything else is read), or one coded error. Never throws, never
// exits: the entry point prints the error and exits with FLAG_EXIT_CODE.

import { parseArgs } from 'node:util'
import { COMMANDS, type CommandFlag, type CommandName } from './commands'
import { FLAGS, type FlagId, type FlagValue } from './flag-table'
import type { FlagSpec } from './flag-spec'
import { marketsOf } from '../../../shared/markets'

export const FLAG_EXIT_CODE = 2

export type FlagErrorCode =
  | 'flag_unknown'
  | 'flag_not_applicable'
  | 'flag_value_missing'
  | 'flag_takes_no_value'
  | 'flag_invalid'
  | 'argument_unexpected'
  | 'env_invalid'

export interface FlagError {
  readonly code: FlagErrorCode
  readonly message: string
}

export type FlagValues<Id extends FlagId> = { [K in Id]: FlagValue<K> }

export interface ParsedCommandLine<Id extends FlagId> {
  readonly values: FlagValues<Id>
  /** The flags set by argv or the environment (the rest hold their defaults). */
  readonly given: ReadonlySet<Id>
}

export type CommandLine<Id extends FlagId> =
  ({ kind: 'run' } & ParsedCommandLine<Id>) | { kind: 'help' } | { kind: 'error'; error: FlagError }

export type Environment = Readonly<Record<string, string | undefined>>

/** The one line an entry point prints for a flag error: `serve: flag_invalid: --port: … (see --help)`. */
/** `--category spot --symbols linear:BTCUSDT` selects nothing to collect: said, not started idle. */
function emptySelection(given: ReadonlySet<FlagId>, values: Record<FlagId, unknown>): string | null {
  if (!given.has('category') || !given.has('symbols')) return null
  const category = values.category as string
  const symbols = values.symbols as string[]
  if (marketsOf(category, symbols).markets.length > 0) return null
  return `--symbols: ${symbols.join(',')} names no symbol of the selected categories (${category})`
}

export function describeFlagError(command: string, error: FlagError): string {
  return `${command}: ${error.code}: ${error.message} (see --help)`
}

export function parseCommandLine<C extends CommandName>(
  command: C,
  argv: readonly string[],
  env: Environment
): CommandLine<CommandFlag<C>> {
  type Id = CommandFlag<C>
  const spec = COMMANDS[command]
  const ids = spec.flags as readonly Id[]
  const byName = new Map<string, Id>(ids.map((id) => [FLAGS[id].name, id]))
  const refuses: Readonly<Record<string, string>> = 'refuses' in spec ? spec.refuses : {}
  const values = Object.fromEntries(ids.map((id) => [id, FLAGS[id].default])) as Record<Id, unknown>
  const given = new Set<Id>()
  const error = (code: FlagErrorCode, message: string): CommandLine<Id> => ({ kind: 'error', error: { code, message } })

  const options = Object.fromEntries(ids.map((id) => [FLAGS[id].name, { type: FLAGS[id].type }]))
  const { tokens } = parseArgs({
    args: [...argv],
    options: { ...options, help: { type: 'boolean', short: 'h' } },
    strict: false,
    allowPositionals: true,
    tokens: true
  })
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) return { kind: 'help' }
  for (const token of tokens) {
    if (token.kind === 'positional') return error('argument_unexpected', `unexpected argument ${quote(token.value)}`)
    if (token.kind !== 'option') continue
    const rawName = token.rawName
    const id = byName.get(token.name)
    if (id === undefined) {
      const reason = refuses[token.name]
      return reason === undefined
        ? error('flag_unknown', `unknown flag ${quote(rawName)}`)
        : error('flag_not_applicable', `${rawName} ${reason}`)
    }
    const flag: FlagSpec = FLAGS[id]
    if (flag.type === 'boolean') {
      if (token.value !== undefined) return error('flag_takes_no_value', `${rawName} takes no value`)
      values[id] = true
    } else {
      const raw = token.value
      // `--symbols --port 1`: the next flag is not a value (an inline `--x=-1` still is).
      if (raw === undefined || (!token.inlineValue && raw.startsWith('-')))
        return error('flag_value_missing', `${rawName} needs a value ${flag.valueName}: ${flag.help}`)
      const parsed = flag.parse(raw)
      if (!parsed.ok) return error('flag_invalid', `${rawName}: ${parsed.error}`)
      values[id] = parsed.value
    }
    given.add(id)
  }

  // The environment only for the flags argv did not give: the flag wins, even over a bad variable.
  for (const id of ids) {
    const flag: FlagSpec = FLAGS[id]
    const raw = flag.env === null || given.has(id) ? undefined : env[flag.env]
    if (raw === undefined || raw === '') continue
    const parsed = flag.parse(raw)
    if (!parsed.ok) return error('env_invalid', `${flag.env}: ${parsed.error}`)
    values[id] = parsed.value
    given.add(id)
  }
  const empty = emptySelection(given as ReadonlySet<FlagId>, values as Record<FlagId, unknown>)
  if (empty !== null) return error('flag_invalid', empty)
  return { kind: 'run', values: values as FlagValues<Id>, given }
}

function quote(arg: string): string {
  return JSON.stringify(arg.slice(0, 60))
}
