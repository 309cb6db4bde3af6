// The many-connections part: one engine collecting every listed instrument of linear, spot and
// inverse (`--symbols ALL`, about 1,500 topics over several connections) while the simulator streams
// a Zipf-skewed total rate across them; the engine's event-loop delay while it does.
import type { EngineChildConfig, RateRunResult } from './messages'
import { BenchChild, startSimulatorChild } from './proc'

export interface ConnectionsOptions {
  seed: number
  /** Trading instruments per category on the simulator's boards; their sum is the topic count. */
  instruments: { linear: number; spot: number; inverse: number }
  totalPerS: number
  /** The category setting (default all three). */
  category?: string
  maxTradesPerSymbol: number
  durationMs: number
  verbose: boolean
  /** Node flags of the engine's process (`--cpu-prof`). */
  engineFlags?: string[]
}

export interface ConnectionsResult extends RateRunResult {
  topics: number
  totalPerS: number
}

export async function connectionsRun(o: ConnectionsOptions): Promise<ConnectionsResult> {
  const category = o.category ?? 'linear,spot,inverse'
  const topics = (['linear', 'spot', 'inverse'] as const)
    .filter((c) => category.split(',').includes(c))
    .reduce((n, c) => n + o.instruments[c], 0)
  const sim = await startSimulatorChild(
    'simulator (many topics)',
    {
      symbols: [],
      seed: o.seed,
      replayFile: null,
      tradesPerSecond: 0,
      instruments: o.instruments,
      totalRate: o.totalPerS,
      tickMs: 1
    },
    { verbose: o.verbose },
    60_000
  )
  const config: EngineChildConfig = {
    mode: 'rate',
    wsUrl: sim.wsUrl,
    restUrl: sim.restUrl,
    category,
    symbols: ['ALL'],
    topics,
    expectTrades: 0,
    idleMs: 5000,
    maxTradesPerSymbol: o.maxTradesPerSymbol,
    durationMs: o.durationMs
  }
  const engine = new BenchChild(`engine (${topics} topics)`, 'engine-client.ts', config, {
    verbose: o.verbose,
    nodeFlags: o.engineFlags
  })
  try {
    const { result } = await engine.expect('rate', o.durationMs + 120_000)
    return { ...result, topics, totalPerS: o.totalPerS }
  } finally {
    await engine.stop()
    await sim.child.stop()
  }
}
