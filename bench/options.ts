// Command-line flags of `npm run bench`. Sizes have a full default and a --quick default (CI).

export const PARTS = ['ingest', 'memory', 'live', 'ui'] as const
export type Part = (typeof PARTS)[number]

export interface BenchOptions {
  quick: boolean
  trades: number
  memoryTrades: number
  sampleEvery: number
  maxTradesPerSymbol: number
  repeats: number
  ccxtRepeats: number
  liveSeconds: number
  uiSeconds: number
  seed: number
  parts: Set<Part>
  out: string
  chromium: string
  cpuProf: string | null
  verbose: boolean
}

export const HELP = `npm run bench -- [flags]

Measures, on loopback, our engine side by side with ccxt.pro and a JSON.parse-only ceiling, then
memory, event-loop delay, exchange→stored latency and the browser UI. Prints a table, then one JSON
line, and writes the same JSON to bench/results.json (or --out).

  --quick                   every part at a small size (well under a minute; what CI runs)
  --trades N                trades in the ingest feed (default 1000000; quick 30000)
  --memory-trades N         trades streamed through the engine for the memory part
                            (default 2000000; quick 20000)
  --sample-every N          memory sample (forced GC) every N trades (default 250000; quick 5000)
  --max-trades-per-symbol N the storage cap per symbol (default 100000, the app's default;
                            quick 1000 so the cap is reached)
  --repeats N               runs per ingest client, median reported (default 3; quick 1)
  --ccxt-repeats N          runs for ccxt, which is ~25x slower (default 1)
  --live-seconds S          measured seconds per live rate run (default 10; quick 2)
  --ui-seconds S            measured seconds per UI run (default 8; quick 2)
  --seed N                  feed and simulator seed (default 7)
  --only LIST               parts to run: ${PARTS.join(',')} (default: all)
  --skip LIST               parts to leave out
  --out FILE                where to write the JSON (default bench/results.json)
  --chromium PATH           Chromium for the UI part (default /usr/bin/chromium, or CHROMIUM_PATH)
  --cpu-prof DIR            also profile our engine (node --cpu-prof) in one extra ingest run and
                            print its hottest functions
  --verbose                 show the children's output
  --help                    this text

Budgets (2-core machine): ours ≥ 10× ccxt and ≥ 0.4× JSON.parse; heap growth ≤ 5 MB between the
1st and 2nd million; event-loop p99 ≤ 20 ms and exchange→stored p99 ≤ 25 ms at 20,000 trades/s;
UI frame p95 ≤ 16.7 ms at 2,000 trades/s and max ≤ 50 ms at 10,000 trades/s.
Exit code: 0 when the bench ran (budgets are reported, not enforced), 1 on an error, 2 on bad flags.`

export class FlagError extends Error {}

function positiveInt(flag: string, raw: string | undefined): number {
  const n = Number(raw)
  if (raw === undefined || !Number.isSafeInteger(n) || n <= 0) throw new FlagError(`${flag} needs a positive integer`)
  return n
}

function partList(flag: string, raw: string | undefined): Part[] {
  if (raw === undefined || raw === '') throw new FlagError(`${flag} needs a list such as ingest,memory`)
  return raw.split(',').map((p) => {
    if (!(PARTS as readonly string[]).includes(p))
      throw new FlagError(`${flag}: unknown part ${p} (${PARTS.join(', ')})`)
    return p as Part
  })
}

export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  const args = [...argv]
  const quick = args.includes('--quick')
  const o: BenchOptions = {
    quick,
    trades: quick ? 30_000 : 1_000_000,
    memoryTrades: quick ? 20_000 : 2_000_000,
    sampleEvery: quick ? 5_000 : 250_000,
    maxTradesPerSymbol: quick ? 1_000 : 100_000,
    repeats: quick ? 1 : 3,
    ccxtRepeats: 1,
    liveSeconds: quick ? 2 : 10,
    uiSeconds: quick ? 2 : 8,
    seed: 7,
    parts: new Set(PARTS),
    out: 'bench/results.json',
    chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    cpuProf: null,
    verbose: false
  }
  while (args.length > 0) {
    const flag = args.shift() as string
    const value = (): string | undefined => args.shift()
    switch (flag) {
      case '--help':
      case '-h':
        return 'help'
      case '--quick':
        break
      case '--verbose':
        o.verbose = true
        break
      case '--trades':
        o.trades = positiveInt(flag, value())
        break
      case '--memory-trades':
        o.memoryTrades = positiveInt(flag, value())
        break
      case '--sample-every':
        o.sampleEvery = positiveInt(flag, value())
        break
      case '--max-trades-per-symbol':
        o.maxTradesPerSymbol = positiveInt(flag, value())
        break
      case '--repeats':
        o.repeats = positiveInt(flag, value())
        break
      case '--ccxt-repeats':
        o.ccxtRepeats = positiveInt(flag, value())
        break
      case '--live-seconds':
        o.liveSeconds = positiveInt(flag, value())
        break
      case '--ui-seconds':
        o.uiSeconds = positiveInt(flag, value())
        break
      case '--seed':
        o.seed = positiveInt(flag, value())
        break
      case '--only':
        o.parts = new Set(partList(flag, value()))
        break
      case '--skip':
        for (const p of partList(flag, value())) o.parts.delete(p)
        break
      case '--out':
      case '--chromium':
      case '--cpu-prof': {
        const v = value()
        if (v === undefined || v === '') throw new FlagError(`${flag} needs a path`)
        if (flag === '--out') o.out = v
        else if (flag === '--chromium') o.chromium = v
        else o.cpuProf = v
        break
      }
      default:
        throw new FlagError(`unknown flag ${flag} (see --help)`)
    }
  }
  return o
}
