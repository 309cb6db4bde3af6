// Bybit V5 frame shapes, per category, with keys in the order the real exchange sends them.
import { TRADE_TOPIC_PREFIX } from '../shared/bybit-protocol'
import type { SentTrade, SimCategory } from './types'

export function tradeTopic(symbol: string): string {
  return TRADE_TOPIC_PREFIX + symbol
}

/** One `publicTrade` frame. Spot: topic,ts,type,data; derivatives: topic,type,ts,data (as captured). */
export function encodeTradeFrame(
  category: SimCategory,
  symbol: string,
  ts: number,
  trades: readonly SentTrade[]
): string {
  const topic = tradeTopic(symbol)
  if (category === 'spot') {
    const data = trades.map((t) => ({
      i: t.tradeId,
      T: t.T,
      p: t.price,
      v: t.size,
      S: t.side,
      seq: t.seq,
      s: t.symbol,
      BT: t.isBlockTrade,
      RPI: t.isRpi
    }))
    return JSON.stringify({ topic, ts, type: 'snapshot', data })
  }
  const data = trades.map((t) => ({
    T: t.T,
    s: t.symbol,
    S: t.side,
    v: t.size,
    p: t.price,
    L: t.tickDirection ?? 'ZeroPlusTick',
    i: t.tradeId,
    BT: t.isBlockTrade,
    RPI: t.isRpi,
    seq: t.seq
  }))
  return JSON.stringify({ topic, type: 'snapshot', ts, data })
}

/** Bybit's servers are written in Go, whose encoder escapes <, > and & (e.g. "args size \u003e10"). */
function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)
}

export interface ReplyParams {
  category: SimCategory
  connId: string
  /** undefined: the client sent no req_id. */
  reqId: unknown
  op: string
  success: boolean
  retMsg: string
}

/**
 * Command replies (subscribe, unsubscribe, ping). Spot omits `req_id` when none was sent;
 * linear/inverse always carry it, as "" when none was sent.
 */
export function encodeReply(p: ReplyParams): string {
  const reply: Record<string, unknown> = { success: p.success, ret_msg: p.retMsg, conn_id: p.connId }
  if (p.reqId !== undefined) reply.req_id = p.reqId
  else if (p.category !== 'spot') reply.req_id = ''
  reply.op = p.op
  return goJson(reply)
}

/** Successful subscribe/unsubscribe `ret_msg`: spot names the op, derivatives send "". */
export function okRetMsg(category: SimCategory, op: 'subscribe' | 'unsubscribe'): string {
  return category === 'spot' ? op : ''
}

export interface RestTradeItem {
  execId: string
  symbol: string
  price: string
  size: string
  side: 'Buy' | 'Sell'
  time: string
  isBlockTrade: boolean
  isRPITrade: boolean
  seq: string
}

export function restItem(t: SentTrade): RestTradeItem {
  return {
    execId: t.tradeId,
    symbol: t.symbol,
    price: t.price,
    size: t.size,
    side: t.side,
    time: String(t.T),
    isBlockTrade: t.isBlockTrade,
    isRPITrade: t.isRpi,
    seq: String(t.seq)
  }
}
