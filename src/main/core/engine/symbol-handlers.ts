// `GET /collectors/symbols`: one row per collected (category, symbol), joined from the storage rings,
// the collectors' topic statuses and the open gaps. One pass over each; nothing per trade.

import type { Category } from '../../../shared/dto'
import type { SymbolRow, SymbolsResponse } from '../../../shared/dto-symbols'
import type { EngineContext, HandlerGroup } from './context'
import { symbolKey } from './symbol-rates'

function emptyRow(category: Category, symbol: string): SymbolRow {
  return {
    category,
    symbol,
    last_price: null,
    trades_per_s: 0,
    last_trade_at: null,
    last_trade_age_ms: null,
    stored: 0,
    evicted: 0,
    open_gaps: 0,
    subscription: 'none',
    subscription_reason: null
  }
}

export function collectorSymbols(ctx: EngineContext, now = Date.now()): SymbolsResponse {
  const rows = new Map<string, SymbolRow>()
  const row = (category: Category, symbol: string): SymbolRow => {
    const key = symbolKey(category, symbol)
    let r = rows.get(key)
    if (r === undefined) rows.set(key, (r = emptyRow(category, symbol)))
    return r
  }
  const categoryOf = new Map<string, Category>()
  for (const c of ctx.manager.all()) {
    const st = c.status()
    categoryOf.set(st.name, st.category)
    for (const t of st.subscriptions) {
      const r = row(t.category ?? st.category, t.symbol)
      r.subscription = t.state
      r.subscription_reason = t.reason
    }
  }
  for (const a of ctx.storage.symbolActivity()) {
    const r = row(a.category as Category, a.symbol)
    r.stored = a.held
    r.evicted = a.evictedTotal
    r.trades_per_s = ctx.rates.symbols.rate(a.category, a.symbol)
    if (a.newest !== undefined) {
      r.last_price = a.newest.priceText
      r.last_trade_at = a.newest.timestamp
      r.last_trade_age_ms = Math.max(0, now - a.newest.timestamp)
    }
  }
  for (const g of ctx.gaps.list()) {
    if (g.to !== null) continue
    const category = g.category ?? categoryOf.get(g.collector)
    if (category !== undefined) row(category, g.symbol).open_gaps++
  }
  const symbols = [...rows.values()].sort((a, b) =>
    a.category === b.category
      ? a.symbol < b.symbol
        ? -1
        : a.symbol > b.symbol
          ? 1
          : 0
      : a.category < b.category
        ? -1
        : 1
  )
  return { at: now, count: symbols.length, symbols }
}

export function symbolHandlers(ctx: EngineContext): HandlerGroup<'getCollectorSymbols'> {
  return { getCollectorSymbols: () => collectorSymbols(ctx) }
}
