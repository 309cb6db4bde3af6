// The messages bench children send to the parent over IPC, and the configs they are started with.

/** How fast a client got through the feed: trades counted between its first and last trade frame. */
export interface IngestResult {
  trades: number
  frames: number
  /** performance.now() span from the first trade frame to the last counted trade. */
  elapsedMs: number
  tradesPerS: number
  /** True when the client saw every trade it was told to expect. */
  complete: boolean
  /** Client CPU time over the measured span, in % of one core; null when not measured. */
  cpuPct: number | null
  /** With a data dir: the durable tier's figures once its queue drained and the file was closed. */
  persist?: PersistFigures
}

export interface PersistFigures {
  rows: number
  notPersisted: number
  /** Database file (+ WAL) bytes per row on disk, after the close. */
  diskBytesPerTrade: number | null
  /** Write-queue lag (age of the oldest unwritten trade) sampled while trades flowed. */
  lagP99Ms: number | null
}

export interface MemorySample {
  /** Trades received by the engine when the sample was taken. */
  received: number
  stored: number
  heapUsedMb: number
  rssMb: number
}

export interface RateRunResult {
  trades: number
  elapsedMs: number
  loopDelayP50Ms: number | null
  loopDelayP99Ms: number | null
  loopDelayMaxMs: number | null
  /** Exchange time (T) → the engine's receivedAt, per trade, from the trades the engine published. */
  latencyP50Ms: number | null
  latencyP99Ms: number | null
  latencySamples: number
  /** The engine's own exchange→local latency summary, for comparison. */
  engineLatencyP50Ms: number | null
  engineLatencyP99Ms: number | null
  /** With a data dir: the write queue's lag sampled over the measured span. */
  persistLagP99Ms?: number | null
}

export type ChildMessage =
  | { type: 'ready'; wsUrl: string; restUrl: string; port: number }
  | { type: 'subscribed' }
  | { type: 'replay-done' }
  | { type: 'ingest'; result: IngestResult }
  | { type: 'memory'; samples: MemorySample[]; result: IngestResult }
  | { type: 'rate'; result: RateRunResult }
  | { type: 'mirror'; url: string }
  | { type: 'error'; message: string }
  | { type: 'exit' }

export type ParentMessage = { type: 'close' } | { type: 'go' }

export interface SimulatorChildConfig {
  symbols: string[]
  seed: number
  replayFile: string | null
  /** Generated trades per second per symbol when not replaying. */
  tradesPerSecond: number
  tickMs?: number
}

export interface ClientChildConfig {
  wsUrl: string
  symbols: string[]
  expectTrades: number
  /** Give up this long after the last trade frame (a client that loses trades never reaches the count). */
  idleMs: number
}

export interface EngineChildConfig extends ClientChildConfig {
  mode: 'ingest' | 'memory' | 'rate' | 'mirror'
  restUrl: string
  maxTradesPerSymbol: number
  /** memory mode: sample heap/RSS after a forced GC every this many trades. */
  sampleEvery?: number
  /** rate mode: how long to measure once trades flow. */
  durationMs?: number
  /** mirror mode: the port the mirror serves on (0 = any free port). */
  mirrorPort?: number
  /** Forward every stored trade to these NATS servers (the publish part's ingest run). */
  publish?: string[]
  /** Persist every stored trade into this (fresh) data dir, as serve does by default. */
  dataDir?: string
}

/** Sends a message to the parent; children are always forked with an IPC channel. */
export function toParent(message: ChildMessage): void {
  process.send?.(message)
}

/** Resolves when the parent asks the child to close (or the IPC channel goes away). */
export function onClose(handler: () => void | Promise<void>): void {
  let closing = false
  const run = (): void => {
    if (closing) return
    closing = true
    void Promise.resolve(handler()).finally(() => process.exit(0))
  }
  process.on('message', (m: ParentMessage) => {
    if (m.type === 'close') run()
  })
  process.on('disconnect', run)
}

export function childConfig<T>(): T {
  const raw = process.argv[2]
  if (raw === undefined) throw new Error('child started without its config argument')
  return JSON.parse(raw) as T
}

export function fail(e: unknown): void {
  toParent({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) })
}
