// Parts 3 and 4: the simulator generating trades live at a fixed total rate (T stamped with this
// machine's clock), the engine collecting them; event-loop delay and exchange→stored latency.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { EngineChildConfig, RateRunResult } from './messages'
import { BenchChild, startSimulatorChild, type SimulatorChild } from './proc'

export interface LiveOptions {
  seed: number
  symbols: string[]
  maxTradesPerSymbol: number
  durationMs: number
  verbose: boolean
  engineFlags?: string[]
  /** Persist into a fresh data dir (removed after the run). */
  persist?: boolean
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
  const dataDir = opts.persist === true ? mkdtempSync(join(tmpdir(), 'mdm-bench-data-')) : undefined
  const config: EngineChildConfig = {
    dataDir,
    mode: 'rate',
    wsUrl: sim.wsUrl,
    restUrl: sim.restUrl,
    symbols: opts.symbols,
    expectTrades: 0,
    idleMs: 5000,
    maxTradesPerSymbol: opts.maxTradesPerSymbol,
    durationMs: opts.durationMs
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
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true })
  }
}
