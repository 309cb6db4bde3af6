// A recorded Bybit linear feed for the ingest runs: deterministic from its seed, written once
// as NDJSON under the OS temp dir (never committed) and reused while the same file exists.
// Frames come from the simulator's own market model and wire encoder, so the shapes, ids and
// decimal grids are the ones the engine meets in every other test.
import { createWriteStream, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { SymbolMarket } from '../src/simulator/market'
import { Rng } from '../src/simulator/rng'
import { encodeTradeFrame } from '../src/simulator/wire'

/**
 * Linear symbols and their share of the frames: BTC-heavy as on Bybit, yet every symbol's ring
 * reaches the default cap (100,000) well before the first million, so the 1st→2nd million heap
 * comparison is taken with every ring full.
 */
export const FEED_SYMBOLS: readonly { symbol: string; weight: number }[] = [
  { symbol: 'BTCUSDT', weight: 0.4 },
  { symbol: 'ETHUSDT', weight: 0.25 },
  { symbol: 'SOLUSDT', weight: 0.2 },
  { symbol: 'XRPUSDT', weight: 0.15 }
]
export const FEED_CATEGORY = 'linear' as const
const MAX_FRAME_TRADES = 100
/** A fixed epoch: the same seed gives the same bytes on every run and machine. */
const FEED_START_MS = 1_758_841_135_824

export interface Feed {
  path: string
  trades: number
  frames: number
  bytes: number
  symbols: string[]
}

/**
 * Trades per frame: ceil(100·u⁶) — about half the frames carry one fill, the mean is ~15,
 * and a sweep now and then fills a frame to 100, as Bybit's busy-market frames do.
 */
function frameSize(rng: Rng): number {
  const u = rng.next()
  return Math.max(1, Math.min(MAX_FRAME_TRADES, Math.ceil(MAX_FRAME_TRADES * u ** 6)))
}

function pickSymbol(rng: Rng): number {
  let u = rng.next()
  for (let i = 0; i < FEED_SYMBOLS.length; i++) {
    u -= FEED_SYMBOLS[i].weight
    if (u < 0) return i
  }
  return FEED_SYMBOLS.length - 1
}

export function feedPath(trades: number, seed: number): string {
  return join(tmpdir(), `mdm-bench-feed-v2-linear-${trades}-s${seed}.ndjson`)
}

/** Writes (or reuses) a feed of exactly `trades` trades. */
export async function ensureFeed(trades: number, seed: number): Promise<Feed> {
  const path = feedPath(trades, seed)
  const symbols = FEED_SYMBOLS.map((s) => s.symbol)
  const meta = { path, trades, symbols }
  if (existsSync(path) && existsSync(`${path}.frames`)) {
    const frames = Number(readFileSync(`${path}.frames`, 'utf8'))
    if (Number.isSafeInteger(frames) && frames > 0) return { ...meta, frames, bytes: statSync(path).size }
  }
  const markets = symbols.map((s) => new SymbolMarket(FEED_CATEGORY, s, seed))
  const rng = new Rng(seed ^ 0x5eed)
  const tmp = `${path}.partial`
  const out = createWriteStream(tmp)
  let T = FEED_START_MS
  let left = trades
  let frames = 0
  let chunk: string[] = []
  while (left > 0) {
    const n = Math.min(left, frameSize(rng))
    const i = pickSymbol(rng)
    T += rng.int(0, 3)
    const fills = markets[i].match(n, T)
    chunk.push(encodeTradeFrame(FEED_CATEGORY, symbols[i], T + rng.int(1, 3), fills))
    left -= n
    frames++
    if (chunk.length >= 2000) {
      if (!out.write(chunk.join('\n') + '\n')) await once(out, 'drain')
      chunk = []
    }
  }
  if (chunk.length > 0) out.write(chunk.join('\n') + '\n')
  out.end()
  await once(out, 'finish')
  renameSync(tmp, path)
  writeFileSync(`${path}.frames`, String(frames))
  return { ...meta, frames, bytes: statSync(path).size }
}
