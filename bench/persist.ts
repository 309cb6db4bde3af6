// Part 5: the durable tier. (1) The ingest ratio again, our engine with persistence on (a fresh
// DuckDB file per run), paired round by round with the JSON.parse ceiling as the ingest part does.
// (2) The write queue's lag at 20,000 trades/s live, sampled every 20 ms in the engine's process.
// (3) Bytes on disk per trade: the recorded feed's trades through the tier into a fresh file,
// checkpointed at close; file size / rows.
import { mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseFrame } from '../src/main/core/bybit/frames'
import { openDurableTier } from '../src/main/core/durable/duckdb-tier'
import { ensureFeed, FEED_CATEGORY } from './feed'
import { ingestOnce, type IngestRunOptions } from './ingest'
import { liveRun, type LiveOptions } from './live'
import { median } from './stats'

export interface PersistMeasures {
  oursPersistTps: number | null
  pairedRatio: number | null
  lagP99Ms: number | null
  lagSamples: number
  bytesPerTrade: number | null
  diskTrades: number
}

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'mdm-bench-persist-'))
}

/** (1): ours with persistence on vs the JSON.parse ceiling, alternating, median of the per-round ratios. */
export async function persistIngestRatio(
  feedTrades: number,
  repeats: number,
  opts: IngestRunOptions
): Promise<{ oursTps: number | null; ratio: number | null; rounds: string[] }> {
  const feed = await ensureFeed(feedTrades, opts.seed)
  const ratios: number[] = []
  const ours: number[] = []
  const rounds: string[] = []
  for (let i = 0; i < repeats; i++) {
    const json = await ingestOnce('json_parse', feed, opts)
    const dir = freshDir()
    try {
      const r = await ingestOnce('ours', feed, { ...opts, persistDir: dir })
      ours.push(r.tradesPerS)
      ratios.push(r.tradesPerS / json.tradesPerS)
      rounds.push(`${Math.round(r.tradesPerS)} vs ${Math.round(json.tradesPerS)}${r.complete ? '' : ' (incomplete)'}`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  return { oursTps: median(ours), ratio: median(ratios), rounds }
}

/** (2): live at `totalPerS` with persistence on; the lag p99 the engine's process sampled. */
export async function persistLag(
  totalPerS: number,
  opts: LiveOptions
): Promise<{ p99: number | null; samples: number }> {
  const dir = freshDir()
  try {
    const r = await liveRun(totalPerS, { ...opts, persistDir: dir })
    return { p99: r.persistLagP99Ms ?? null, samples: r.persistLagSamples ?? 0 }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A stand-in for network latency on the recorded frames: 0–22 ms after the frame's send time. */
function receivedAtOf(line: string, i: number): number {
  const ts = (JSON.parse(line) as { ts?: number }).ts ?? 0
  return ts + ((i * 7919) % 23)
}

/** (3): `trades` of the feed through a tier into a fresh file; bytes per trade after the closing checkpoint. */
export async function diskBytesPerTrade(trades: number, seed: number): Promise<{ bytes: number; rows: number }> {
  const feed = await ensureFeed(trades, seed)
  const dir = freshDir()
  try {
    const tier = await openDurableTier({ dataDir: dir, retentionDays: 0, retentionGb: 0 })
    const lines = readFileSync(feed.path, 'utf8').split('\n')
    let i = 0
    for (const line of lines) {
      if (line === '') continue
      const frame = parseFrame(line, FEED_CATEGORY, receivedAtOf(line, i++))
      if (frame.kind !== 'trades') continue
      // Keep within the queue: this measures the file, not an overflow.
      while (tier.stats().queue_depth > tier.stats().queue_capacity - frame.trades.length) {
        await new Promise((r) => setTimeout(r, 20))
      }
      for (const t of frame.trades) tier.enqueue(t)
    }
    if (!(await tier.drain(600_000))) throw new Error('the write queue did not drain')
    const s = tier.stats()
    if (s.not_persisted > 0) throw new Error(`${s.not_persisted} trades were not persisted`)
    await tier.close()
    let size = 0
    for (const f of [tier.file, `${tier.file}.wal`]) {
      try {
        size += statSync(f).size
      } catch {
        /* no WAL after the closing checkpoint */
      }
    }
    return { bytes: size / s.rows_on_disk, rows: s.rows_on_disk }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
