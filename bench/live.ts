// Parts 3 and 4: the simulator generating trades live at a fixed total rate (T stamped with this
// machine's clock), the engine collecting them; event-loop delay and exchange→stored latency.
import type { EngineChildConfig, RateRunResult } from './messages'
import { BenchChild, startSimulatorChild, type SimulatorChild } from './proc'

export interface LiveOptions {
  seed: number
  symbols: string[]
  maxTradesPerSymbol: number
  durationMs: number
  verbose: boolean
  engineFlags?: string[]
  /** Our engine with persistence on, into this (fresh) data dir. */
  persistDir?: string
}

/** A live generating simulator in its own process; `totalPerS` is split evenly over the symbols. */
export async function startLiveSimulator(
  totalPerS: number,
  opts: Pick<LiveOptions, 'seed' | 'symbols' | 'verbose'>
): Promise<SimulatorChild> {
  return startSimulatorChild(
    'simulator (live)',
    {
      symbols: opts.symbols,
      seed: opts.seed,
      replayFile: null,
      tradesPerSecond: totalPerS / opts.symbols.length,
      // The simulator spreads T over each tick's past interval: a 1 ms tick keeps that backdating
      // (up to tick + 2 ms) out of the latency we measure, and sends small frames as Bybit does.
      tickMs: 1
    },
    { verbose: opts.verbose },
    60_000
  )
}

export async function liveRun(totalPerS: number, opts: LiveOptions): Promise<RateRunResult> {
  const sim = await startLiveSimulator(totalPerS, opts)
  const config: EngineChildConfig = {
    mode: 'rate',
    wsUrl: sim.wsUrl,
    restUrl: sim.restUrl,
    symbols: opts.symbols,
    expectTrades: 0,
    idleMs: 5000,
    maxTradesPerSymbol: opts.maxTradesPerSymbol,
    durationMs: opts.durationMs,
    persistDir: opts.persistDir
  }
  const engine = new BenchChild(`engine (${totalPerS}/s)`, 'engine-client.ts', config, {
    verbose: opts.verbose,
    nodeFlags: opts.engineFlags
  })
  try {
    return (await engine.expect('rate', opts.durationMs + 60_000)).result
  } finally {
    await engine.stop()
    await sim.child.stop()
  }
}
