// Part 1: the same recorded feed, replayed as fast as each client drains it, to our engine,
// ccxt.pro and a JSON.parse-only ceiling. Every run gets a fresh simulator process and a fresh
// client process; the median of the repeats is reported.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Feed } from './feed'
import type { ClientChildConfig, EngineChildConfig, IngestResult, MemorySample } from './messages'
import { BenchChild, startSimulatorChild, type ChildOptions, type SimulatorChild } from './proc'
import { median } from './stats'

/** `ours_persist`: our engine with its durable tier writing into a fresh data dir, as serve runs by default. */
export type IngestClient = 'ours' | 'ours_persist' | 'ccxt' | 'json_parse'

const CLIENT_SCRIPT: Record<IngestClient, string> = {
  ours: 'engine-client.ts',
  ours_persist: 'engine-client.ts',
  ccxt: 'ccxt-client.ts',
  json_parse: 'json-client.ts'
}

export interface IngestRunOptions {
  seed: number
  maxTradesPerSymbol: number
  /** Per-run time limit (a client that falls far behind must not hang the bench). */
  timeoutMs: number
  verbose: boolean
  /** Extra node flags for the measured client (e.g. --cpu-prof). */
  clientFlags?: string[]
  /** Extra node flags for the simulator process. */
  simulatorFlags?: string[]
  /** Our engine forwards to these NATS servers while it ingests (part `publish`). */
  publish?: string[]
}

/** A fresh simulator replaying `feed`, in its own process. */
export async function startReplaySimulator(feed: Feed, opts: IngestRunOptions): Promise<SimulatorChild> {
  return startSimulatorChild(
    'simulator',
    { symbols: feed.symbols, seed: opts.seed, replayFile: feed.path, tradesPerSecond: 0 },
    // The replay holds the whole file and its parsed trades in memory.
    { nodeFlags: ['--max-old-space-size=8192', ...(opts.simulatorFlags ?? [])], verbose: opts.verbose },
    120_000
  )
}

/** One client over the whole feed. */
export async function ingestOnce(client: IngestClient, feed: Feed, opts: IngestRunOptions): Promise<IngestResult> {
  const sim = await startReplaySimulator(feed, opts)
  const engine = client === 'ours' || client === 'ours_persist'
  const dataDir = client === 'ours_persist' ? mkdtempSync(join(tmpdir(), 'mdm-bench-data-')) : undefined
  const config: ClientChildConfig | EngineChildConfig = {
    wsUrl: sim.wsUrl,
    symbols: feed.symbols,
    expectTrades: feed.trades,
    idleMs: 3000,
    ...(engine
      ? {
          mode: 'ingest',
          restUrl: sim.restUrl,
          maxTradesPerSymbol: opts.maxTradesPerSymbol,
          dataDir,
          publish: opts.publish
        }
      : {})
  }
  const childOpts: ChildOptions = { verbose: opts.verbose, nodeFlags: opts.clientFlags }
  const proc = new BenchChild(client, CLIENT_SCRIPT[client], config, childOpts)
  try {
    return (await proc.expect('ingest', opts.timeoutMs)).result
  } finally {
    await proc.stop()
    await sim.child.stop()
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true })
  }
}

export interface IngestSummary {
  runs: IngestResult[]
  /** Median trades/s over the runs (only complete runs when there are any). */
  tradesPerS: number | null
}

/** Median over the runs (only the complete ones when there are any). */
export function summarize(runs: IngestResult[]): IngestSummary {
  const complete = runs.filter((r) => r.complete)
  const counted = complete.length > 0 ? complete : runs
  return { runs, tradesPerS: median(counted.map((r) => r.tradesPerS)) }
}

/** Part 2: the engine over a feed of ≥ 2M trades, sampling heap and RSS after a forced GC. */
export async function memoryRun(
  feed: Feed,
  sampleEvery: number,
  opts: IngestRunOptions
): Promise<{ samples: MemorySample[]; result: IngestResult }> {
  const sim = await startReplaySimulator(feed, opts)
  const config: EngineChildConfig = {
    mode: 'memory',
    wsUrl: sim.wsUrl,
    restUrl: sim.restUrl,
    symbols: feed.symbols,
    expectTrades: feed.trades,
    idleMs: 5000,
    maxTradesPerSymbol: opts.maxTradesPerSymbol,
    sampleEvery
  }
  const proc = new BenchChild('engine (memory)', 'engine-client.ts', config, {
    verbose: opts.verbose,
    nodeFlags: ['--expose-gc']
  })
  try {
    const m = await proc.expect('memory', opts.timeoutMs)
    return { samples: m.samples, result: m.result }
  } finally {
    await proc.stop()
    await sim.child.stop()
  }
}
