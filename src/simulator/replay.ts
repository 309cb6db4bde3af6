// Replay of NDJSON recordings: each line a raw WS frame (our `--record` output, a capture of the real
// exchange in the same format, or hftbacktest's "<local_ns> <frame>" lines). Trade frames are
// pushed verbatim to the subscribers of their topic; acks, pongs and other lines are skipped.
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { TRADE_TOPIC_PREFIX } from '../shared/bybit-protocol'
import { isRecord } from '../shared/guards'
import type { SentTrade, SimCategory } from './types'

export interface ReplayFrame {
  category: SimCategory
  symbol: string
  topic: string
  ts: number
  /** The frame exactly as recorded. */
  text: string
  trades: SentTrade[]
}

export interface ReplayScript {
  frames: ReplayFrame[]
  skipped: number
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Reads the recording line by line: a long `--record` file is larger than one string may be (512 MiB). */
export async function loadReplay(file: string, forceCategory?: SimCategory): Promise<ReplayScript> {
  const script: ReplayScript = { frames: [], skipped: 0 }
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })
  for await (const line of lines) addLine(script, line, forceCategory)
  return script
}

export function parseReplay(content: string, forceCategory?: SimCategory): ReplayScript {
  const script: ReplayScript = { frames: [], skipped: 0 }
  for (const line of content.split('\n')) addLine(script, line, forceCategory)
  return script
}

function addLine(script: ReplayScript, rawLine: string, forceCategory?: SimCategory): void {
  const line = rawLine.replace(/\r$/, '')
  if (line.trim() === '') return
  const frame = parseFrameLine(line, forceCategory)
  if (frame) script.frames.push(frame)
  else script.skipped++
}

function parseFrameLine(line: string, forceCategory?: SimCategory): ReplayFrame | undefined {
  // hftbacktest's collector prefixes each frame with a local nanosecond timestamp.
  const text = /^\d+ \{/.test(line) ? line.slice(line.indexOf(' ') + 1) : line
  let msg: unknown
  try {
    msg = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof msg !== 'object' || msg === null) return undefined
  const { topic, ts, data, id } = msg as { topic?: unknown; ts?: unknown; data?: unknown; id?: unknown }
  if (typeof topic !== 'string' || !topic.startsWith(TRADE_TOPIC_PREFIX) || !Array.isArray(data)) return undefined
  // Options carry a message-level id and a base-coin topic; the simulator serves no option endpoint.
  if (id !== undefined) return undefined
  const symbol = topic.slice(TRADE_TOPIC_PREFIX.length)
  const first: unknown = data[0]
  const category = forceCategory ?? inferCategory(symbol, first)
  const frameTs = typeof ts === 'number' ? ts : 0
  const trades = data.flatMap((d) => toSentTrade(category, d, frameTs))
  return { category, symbol, topic, ts: frameTs, text, trades }
}

/** Spot and linear share symbol names; the fills tell them apart (spot has no `L` and numeric ids). */
function inferCategory(symbol: string, first: unknown): SimCategory {
  const fill = isRecord(first) ? first : {}
  const derivative = 'L' in fill || (typeof fill.i === 'string' && UUID.test(fill.i))
  if (!derivative) return 'spot'
  return /USD$|USD[A-Z]\d{2}$/.test(symbol) ? 'inverse' : 'linear'
}

function toSentTrade(category: SimCategory, d: unknown, ts: number): SentTrade[] {
  if (typeof d !== 'object' || d === null) return []
  const f = d as Record<string, unknown>
  if (typeof f.s !== 'string' || typeof f.p !== 'string' || typeof f.v !== 'string') return []
  const t: SentTrade = {
    category,
    symbol: f.s,
    tradeId: String(f.i),
    price: f.p,
    size: f.v,
    side: f.S === 'Sell' ? 'Sell' : 'Buy',
    T: typeof f.T === 'number' ? f.T : 0,
    // Captures from before 2025-08 have no seq.
    seq: typeof f.seq === 'number' ? f.seq : 0,
    delivered: false,
    ts,
    isBlockTrade: f.BT === true,
    isRpi: f.RPI === true
  }
  if (typeof f.L === 'string') t.tickDirection = f.L
  return [t]
}
