// Flags of `npm run simulator -- [flags]`, parsed into SimulatorOptions once, at the edge.
import { DEFAULT_SYMBOLS } from './instruments'
import { SIM_CATEGORIES, type SimCategory, type SimulatorOptions } from './types'

export const SIMULATOR_HELP = `Local Bybit V5 simulator (public trades over WS + REST recent-trade)

Usage: npm run simulator -- [flags]

  --host HOST              loopback address to listen on (default 127.0.0.1; only 127.0.0.1, ::1, localhost)
  --port N                 port (default 9100; 0 picks a free one)
  --rate N                 trades per second per subscribed symbol (default 5; 0 with --replay)
  --symbols A,B            listed symbols of every category (spot, linear and inverse)
  --spot-symbols A,B       listed spot symbols      (default ${DEFAULT_SYMBOLS.spot.join(',')})
  --linear-symbols A,B     listed linear symbols    (default ${DEFAULT_SYMBOLS.linear.join(',')})
  --inverse-symbols A,B    listed inverse symbols   (default ${DEFAULT_SYMBOLS.inverse.join(',')})
                           a subscribe to any other symbol is refused the way Bybit does
  --replay FILE            replay an NDJSON file of raw frames (a --record file or a fixture capture);
                           it starts when a client subscribes to one of its topics
  --replay-speed X         1 = recorded timing (default), 10 = ten times faster, 0 = as fast as possible
  --replay-loop            start the file again at its end
  --replay-category C      push every replayed frame on this endpoint (default: inferred per frame)
  --seed N                 deterministic prices, sizes and ids
  --help                   this text

Endpoints: ws://HOST:PORT/v5/public/{spot,linear,inverse} and GET http://HOST:PORT/v5/market/recent-trade
Symbols are active (trading) from their first subscription on; the market keeps trading while clients are away.`

export type CliParse =
  { kind: 'help' } | { kind: 'run'; options: SimulatorOptions } | { kind: 'error'; message: string }

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost'])
const VALUE_FLAGS = new Set([
  '--host',
  '--port',
  '--rate',
  '--symbols',
  '--spot-symbols',
  '--linear-symbols',
  '--inverse-symbols',
  '--replay',
  '--replay-speed',
  '--replay-category',
  '--seed'
])
const SYMBOL = /^[A-Z0-9]{2,30}$/

export function parseSimulatorArgs(argv: readonly string[]): CliParse {
  const options: SimulatorOptions = {}
  const symbols: Partial<Record<SimCategory, string[]>> = {}
  let all: string[] | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--help' || arg === '-h') return { kind: 'help' }
    if (arg === '--replay-loop') {
      options.replayLoop = true
      continue
    }
    const eq = arg.indexOf('=')
    const flag = eq > 0 ? arg.slice(0, eq) : arg
    let value: string | undefined = eq > 0 ? arg.slice(eq + 1) : undefined
    const take = (): string | undefined => {
      if (value !== undefined) return value
      const next = argv[i + 1]
      if (next === undefined || next.startsWith('--')) return undefined
      i++
      return (value = next)
    }
    const need = (): string | CliParse => take() ?? { kind: 'error', message: `${flag} needs a value` }
    if (!VALUE_FLAGS.has(flag)) {
      const message = flag.startsWith('--') ? `unknown flag: ${flag}` : `unexpected argument: ${arg}`
      return { kind: 'error', message: `${message} (see --help)` }
    }
    const v = need()
    if (typeof v !== 'string') return v
    switch (flag) {
      case '--host':
        if (!LOOPBACK.has(v)) return { kind: 'error', message: `--host must be a loopback address, got ${v}` }
        options.host = v
        break
      case '--port': {
        const n = integer(v)
        if (n === undefined || n > 65535)
          return { kind: 'error', message: `--port must be an integer 0-65535, got ${v}` }
        options.port = n
        break
      }
      case '--rate': {
        const n = Number(v)
        if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1_000_000) {
          return { kind: 'error', message: `--rate must be a number of trades per second 0-1000000, got ${v}` }
        }
        options.tradesPerSecond = n
        break
      }
      case '--symbols':
      case '--spot-symbols':
      case '--linear-symbols':
      case '--inverse-symbols': {
        const list = v.split(',').map((s) => s.trim().toUpperCase())
        const bad = list.find((s) => !SYMBOL.test(s))
        if (bad !== undefined) return { kind: 'error', message: `${flag}: not a symbol: "${bad}"` }
        if (flag === '--symbols') all = list
        else symbols[flag.slice(2, flag.indexOf('-symbols')) as SimCategory] = list
        break
      }
      case '--replay':
        options.replayFile = v
        break
      case '--replay-speed': {
        const n = Number(v)
        if (v.trim() === '' || !Number.isFinite(n) || n < 0) {
          return { kind: 'error', message: `--replay-speed must be a number >= 0, got ${v}` }
        }
        options.replaySpeed = n
        break
      }
      case '--replay-category':
        if (!(SIM_CATEGORIES as readonly string[]).includes(v)) {
          return { kind: 'error', message: `--replay-category must be one of ${SIM_CATEGORIES.join(', ')}, got ${v}` }
        }
        options.replayCategory = v as SimCategory
        break
      case '--seed': {
        const n = integer(v)
        if (n === undefined) return { kind: 'error', message: `--seed must be a non-negative integer, got ${v}` }
        options.seed = n
        break
      }
    }
  }
  if (all || Object.keys(symbols).length > 0) {
    options.symbols = {}
    for (const c of SIM_CATEGORIES) options.symbols[c] = symbols[c] ?? all ?? DEFAULT_SYMBOLS[c]
  }
  return { kind: 'run', options }
}

function integer(v: string): number | undefined {
  return /^\d+$/.test(v) && Number.isSafeInteger(Number(v)) ? Number(v) : undefined
}
