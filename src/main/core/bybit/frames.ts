// Bybit V5 public-stream frames parsed into typed values, once, at the edge.
// Real shapes differ by category (see docs/bybit-protocol.md); this parser is lenient
// about unknown fields and strict about the values we store.

import type { Category, Side } from '../../../shared/dto'
import { TRADE_TOPIC_PREFIX } from '../../../shared/bybit-protocol'
import { isRecord } from '../../../shared/guards'
import { Trade, isNonZeroDecimal, isPlainDecimal } from '../trade'

export interface TradesFrame {
  kind: 'trades'
  topic: string
  /** The topic's symbol (`publicTrade.BTCUSDT` → `BTCUSDT`). */
  symbol: string
  trades: Trade[]
  /** Trades in the frame that failed validation; their valid neighbours are kept. */
  rejected: number
  /** Why the first rejected trade was refused, for the log. */
  firstRejection: string | null
}

export interface SubscribeReply {
  kind: 'subscribe'
  op: 'subscribe' | 'unsubscribe'
  success: boolean
  /** The exchange's words: `subscribe`, `""`, `error:handler not found,topic:publicTrade.X`, `args size >10`… */
  retMsg: string
  /** null when absent or `""` (linear/inverse answer `""` when none was sent). */
  reqId: string | null
  /** Topics named by the reply (`topic:` suffix, `[...]` list, option `successTopics`/`failTopics`). */
  topics: string[]
  /** Option/spread `COMMAND_RESP`: per-topic outcome. */
  failTopics: string[]
}

export interface Pong {
  kind: 'pong'
  reqId: string | null
}

/** A well-formed frame we do not act on (other topics, unknown ops, legacy error envelopes). */
export interface OtherFrame {
  kind: 'other'
  description: string
  /** `success:false` without a recognizable op: worth a warning. */
  error: string | null
}

export interface MalformedFrame {
  kind: 'malformed'
  error: string
}

export type BybitFrame = TradesFrame | SubscribeReply | Pong | OtherFrame | MalformedFrame

type Json = Record<string, unknown>

function optionalReqId(v: unknown): string | null {
  if (typeof v === 'string') return v === '' ? null : v
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  return null
}

const TOPIC_IN_MSG_RE = /topic:\s*([A-Za-z0-9_.-]+)/g
const BRACKET_LIST_RE = /\[([^\]]*)\]/

/** Topics a subscribe reply names in its `ret_msg`, in Bybit's known wordings. */
export function topicsInRetMsg(retMsg: string): string[] {
  const topics: string[] = []
  for (const m of retMsg.matchAll(TOPIC_IN_MSG_RE)) topics.push(m[1])
  if (topics.length > 0) return topics
  const bracket = BRACKET_LIST_RE.exec(retMsg)
  if (bracket) {
    for (const part of bracket[1].split(',')) {
      const t = part.trim()
      if (t !== '') topics.push(t)
    }
  }
  return topics
}

/**
 * Validates one `data[]` element. Returns the trade or the reason it was refused.
 * Category comes from the connection URL, never from the message (spot and linear share symbols).
 */
export function parseTradeItem(
  item: unknown,
  category: Category,
  topicSymbol: string,
  receivedAt: number
): Trade | string {
  if (!isRecord(item)) return 'trade is not an object'
  const p = item.p
  if (typeof p !== 'string' || !isPlainDecimal(p) || !isNonZeroDecimal(p)) return `bad price ${JSON.stringify(p)}`
  const v = item.v
  if (typeof v !== 'string' || !isPlainDecimal(v) || !isNonZeroDecimal(v)) return `bad size ${JSON.stringify(v)}`
  const S = item.S
  let side: Side
  if (S === 'Buy') side = 'BUY'
  else if (S === 'Sell') side = 'SELL'
  else return `bad side ${JSON.stringify(S)}`
  const T = item.T
  if (typeof T !== 'number' || !Number.isSafeInteger(T) || T <= 0) return `bad timestamp ${JSON.stringify(T)}`
  let id = item.i
  if (typeof id === 'number' && Number.isSafeInteger(id)) id = String(id)
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) return `bad trade id ${JSON.stringify(id)}`
  const s = item.s
  let symbol = topicSymbol
  if (s !== undefined) {
    if (typeof s !== 'string' || s.length === 0 || s.length > 64) return `bad symbol ${JSON.stringify(s)}`
    symbol = s
  }
  const seqRaw = item.seq
  const seq =
    typeof seqRaw === 'number' && Number.isFinite(seqRaw)
      ? seqRaw
      : typeof seqRaw === 'string' && /^\d{1,16}$/.test(seqRaw)
        ? Number(seqRaw)
        : undefined
  const L = item.L
  const BT = item.BT
  const RPI = item.RPI
  return new Trade({
    symbol,
    side,
    price: p,
    quantity: v,
    timestamp: T,
    receivedAt,
    category,
    tradeId: id,
    seq,
    tickDirection: typeof L === 'string' ? L : undefined,
    isBlockTrade: typeof BT === 'boolean' ? BT : undefined,
    isRpi: typeof RPI === 'boolean' ? RPI : undefined
  })
}

function parseTrades(msg: Json, topic: string, category: Category, receivedAt: number): TradesFrame | MalformedFrame {
  const data = msg.data
  if (!Array.isArray(data)) return { kind: 'malformed', error: `${topic}: data is not an array` }
  const symbol = topic.slice(TRADE_TOPIC_PREFIX.length)
  const trades: Trade[] = []
  let rejected = 0
  let firstRejection: string | null = null
  for (let k = 0; k < data.length; k++) {
    const r = parseTradeItem(data[k], category, symbol, receivedAt)
    if (typeof r === 'string') {
      rejected++
      firstRejection ??= r
    } else trades.push(r)
  }
  return { kind: 'trades', topic, symbol, trades, rejected, firstRejection }
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
}

function parseObject(msg: Json, category: Category, receivedAt: number): BybitFrame {
  const topic = msg.topic
  if (typeof topic === 'string') {
    if (topic.startsWith(TRADE_TOPIC_PREFIX)) return parseTrades(msg, topic, category, receivedAt)
    return { kind: 'other', description: `topic ${topic}`, error: null }
  }
  const op = msg.op
  const retMsg = typeof msg.ret_msg === 'string' ? msg.ret_msg : ''
  if (retMsg === 'pong' || op === 'pong') return { kind: 'pong', reqId: optionalReqId(msg.req_id) }
  if ((op === 'subscribe' || op === 'unsubscribe') && typeof msg.success === 'boolean') {
    return {
      kind: 'subscribe',
      op,
      success: msg.success,
      retMsg,
      reqId: optionalReqId(msg.req_id),
      topics: topicsInRetMsg(retMsg),
      failTopics: []
    }
  }
  if (msg.type === 'COMMAND_RESP' && isRecord(msg.data)) {
    const failTopics = stringList(msg.data.failTopics)
    return {
      kind: 'subscribe',
      op: 'subscribe',
      success: msg.success === true && failTopics.length === 0,
      retMsg,
      reqId: optionalReqId(msg.req_id),
      topics: [...stringList(msg.data.successTopics), ...failTopics],
      failTopics
    }
  }
  if (msg.success === false) return { kind: 'other', description: 'error reply', error: retMsg || 'success:false' }
  return { kind: 'other', description: typeof op === 'string' ? `op ${op}` : 'unrecognized frame', error: null }
}

/** Parses one text frame. Never throws: a bad frame comes back as `malformed`. */
export function parseFrame(text: string, category: Category, receivedAt: number): BybitFrame {
  let msg: unknown
  try {
    msg = JSON.parse(text)
  } catch (e) {
    return { kind: 'malformed', error: `invalid JSON: ${(e as Error).message.slice(0, 120)}` }
  }
  if (!isRecord(msg)) return { kind: 'malformed', error: 'frame is not a JSON object' }
  return parseObject(msg, category, receivedAt)
}
