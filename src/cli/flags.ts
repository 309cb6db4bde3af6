// Flags of `npm run serve` (and `demo`/`doctor`), with `MDM_*` environment equivalents.
// Flags win over the environment; every value is validated by src/shared/validate.ts.

import { DEFAULT_SETTINGS, SETTINGS_LIMITS, type Settings } from '../shared/settings'
import {
  isLoopbackHost,
  parseCategory,
  parseEndpointUrl,
  parseIntInRange,
  parseSymbols,
  type Parsed
} from '../shared/validate'

export interface CliOptions {
  settings: Settings
  /** Mirror address and switch, also in `settings.mirror`. */
  host: string
  port: number
  mirror: boolean
}

export type FlagsResult =
  | { kind: 'run'; options: CliOptions }
  | { kind: 'help'; usage: string }
  | { kind: 'error'; message: string; exitCode: 2 }

interface FlagSpec {
  env: string
  /** Takes a value (`--x VALUE` / `--x=VALUE`) or is a switch. */
  value: boolean
  help: string
  apply: (s: Settings, raw: string) => Parsed<void>
}

const ok: Parsed<void> = { ok: true, value: undefined }
const bool = (raw: string): boolean | null =>
  /^(1|true|yes|on)$/i.test(raw) ? true : /^(0|false|no|off)$/i.test(raw) ? false : null

function switchFlag(apply: (s: Settings, on: boolean) => void) {
  return (s: Settings, raw: string): Parsed<void> => {
    const on = bool(raw)
    if (on === null) return { ok: false, error: 'takes no value (environment: 1/true or 0/false)' }
    apply(s, on)
    return ok
  }
}

/** A value flag: parse the raw text with the shared validator, then put the value into the settings. */
function parsed<T>(parse: (raw: string) => Parsed<T>, assign: (s: Settings, value: T) => void) {
  return (s: Settings, raw: string): Parsed<void> => {
    const r = parse(raw)
    if (!r.ok) return r
    assign(s, r.value)
    return ok
  }
}

const FLAGS: Record<string, FlagSpec> = {
  '--host': {
    env: 'MDM_HOST',
    value: true,
    help: 'mirror address, loopback only (default 127.0.0.1)',
    apply: (s, raw) => {
      if (!isLoopbackHost(raw)) return { ok: false, error: 'must be a loopback address such as 127.0.0.1' }
      s.mirror.host = raw
      return ok
    }
  },
  '--port': {
    env: 'MDM_PORT',
    value: true,
    help: 'mirror port (default 8000)',
    apply: parsed(
      (raw) => parseIntInRange(raw, 'port', SETTINGS_LIMITS.minPort, SETTINGS_LIMITS.maxPort),
      (s, port) => (s.mirror.port = port)
    )
  },
  '--no-mirror': {
    env: 'MDM_NO_MIRROR',
    value: false,
    help: 'do not serve the REST mirror and UI',
    apply: switchFlag((s, on) => (s.mirror.enabled = !on))
  },
  '--category': {
    env: 'MDM_CATEGORY',
    value: true,
    help: 'spot | linear | inverse (default spot)',
    apply: parsed(parseCategory, (s, category) => (s.category = category))
  },
  '--symbols': {
    env: 'MDM_SYMBOLS',
    value: true,
    help: 'comma-separated, e.g. BTCUSDT,ETHUSDT (default BTCUSDT)',
    apply: parsed(parseSymbols, (s, symbols) => (s.symbols = symbols))
  },
  '--ws-url': {
    env: 'MDM_WS_URL',
    value: true,
    help: "WebSocket URL (default: Bybit's public stream for the category); ws:// only on loopback",
    apply: parsed(
      (raw) => parseEndpointUrl(raw, 'ws'),
      (s, url) => (s.wsUrl = url)
    )
  },
  '--rest-url': {
    env: 'MDM_REST_URL',
    value: true,
    help: "REST base URL (default: Bybit's API); http:// only on loopback",
    apply: parsed(
      (raw) => parseEndpointUrl(raw, 'rest'),
      (s, url) => (s.restUrl = url)
    )
  },
  '--testnet': {
    env: 'MDM_TESTNET',
    value: false,
    help: "use Bybit's testnet endpoints",
    apply: switchFlag((s, on) => (s.testnet = on))
  },
  '--max-trades-per-symbol': {
    env: 'MDM_MAX_TRADES_PER_SYMBOL',
    value: true,
    help: `storage ring size per symbol (default ${DEFAULT_SETTINGS.maxTradesPerSymbol})`,
    apply: parsed(
      (raw) => parseIntInRange(raw, 'value', SETTINGS_LIMITS.minTradesPerSymbol, SETTINGS_LIMITS.maxTradesPerSymbol),
      (s, max) => (s.maxTradesPerSymbol = max)
    )
  },
  '--record': {
    env: 'MDM_RECORD',
    value: true,
    help: 'append every raw frame to FILE as NDJSON (replayable by the simulator)',
    apply: (s, raw) => {
      if (raw.trim() === '') return { ok: false, error: 'needs a file path' }
      s.recordFile = raw
      return ok
    }
  }
}

export function usage(command = 'npm run serve --'): string {
  const lines = Object.entries(FLAGS).map(
    ([flag, spec]) => `  ${(flag + (spec.value ? ' VALUE' : '')).padEnd(30)} ${spec.help} [env ${spec.env}]`
  )
  return [`Usage: ${command} [flags]`, '', 'Flags:', ...lines, `  ${'--help'.padEnd(30)} print this help`].join('\n')
}

/** Parses argv (without node and script) over the environment; never throws, never exits. */
export function parseFlags(argv: readonly string[], env: Record<string, string | undefined> = {}): FlagsResult {
  const settings: Settings = structuredClone(DEFAULT_SETTINGS)
  const fail = (message: string): FlagsResult => ({ kind: 'error', message, exitCode: 2 })
  for (const spec of Object.values(FLAGS)) {
    const raw = env[spec.env]
    if (raw === undefined || raw === '') continue
    const r = spec.apply(settings, raw)
    if (!r.ok) return fail(`${spec.env}: ${r.error}`)
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--help' || arg === '-h') return { kind: 'help', usage: usage() }
    const eq = arg.indexOf('=')
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg
    const spec = FLAGS[name]
    if (!spec) return fail(`unknown flag ${JSON.stringify(arg.slice(0, 60))} (see --help)`)
    let raw: string
    if (spec.value) {
      if (eq > 0) raw = arg.slice(eq + 1)
      else {
        const next = argv[i + 1]
        if (next === undefined || next.startsWith('--')) return fail(`${name} needs a value: ${spec.help}`)
        raw = next
        i++
      }
    } else {
      if (eq > 0) return fail(`${name} takes no value`)
      raw = 'true'
    }
    const r = spec.apply(settings, raw)
    if (!r.ok) return fail(`${name}: ${r.error}`)
  }
  return {
    kind: 'run',
    options: { settings, host: settings.mirror.host, port: settings.mirror.port, mirror: settings.mirror.enabled }
  }
}
