// Heap per held trade, in its own process (node --expose-gc): `trades` trades across `symbols`
// symbols (Zipf-skewed shares; 3 in 4 linear with UUID ids, 1 in 4 spot with 19-digit ids) go
// through the real frame parser into the real storage, with a cap and a budget that evict nothing.
// The figure is (V8 heap used + ArrayBuffer backing stores) after a forced GC, minus the same
// before the first trade, divided by the trades held. `layout: 'objects'` holds the parsed Trade
// objects in one array per symbol instead: the layout storage used before the columns, as a peer.
import { parseFrame } from '../../src/main/core/bybit/frames'
import { TradeStorage } from '../../src/main/core/storage/trade-storage'
import type { Trade } from '../../src/main/core/trade'
import { SymbolMarket } from '../../src/simulator/market'
import { Rng } from '../../src/simulator/rng'
import { encodeTradeFrame } from '../../src/simulator/wire'
import { childConfig, fail, onClose, toParent, type HeapChildConfig } from '../messages'

const cfg = childConfig<HeapChildConfig>()
const T0 = 1_758_841_135_824

function measured(): number {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('heap mode needs node --expose-gc')
  gc()
  gc()
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

function main(): void {
  const rng = new Rng(cfg.seed ^ 0x4ea9)
  const markets = Array.from({ length: cfg.symbols }, (_, k) => {
    const category = k % 4 === 3 ? 'spot' : 'linear'
    return new SymbolMarket(category, `S${String(k).padStart(3, '0')}USDT`, cfg.seed)
  })
  // Zipf (s = 1) shares, as a cumulative table.
  const weights = markets.map((_, k) => 1 / (k + 1))
  const total = weights.reduce((a, b) => a + b, 0)
  const cumulative: number[] = []
  let acc = 0
  for (const w of weights) cumulative.push((acc += w / total))
  const pick = (): number => {
    const u = rng.next()
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid] < u) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  const storage =
    cfg.layout === 'columns'
      ? new TradeStorage({ maxTradesPerSymbol: cfg.trades, maxSymbols: cfg.symbols, memoryBudgetMb: 1 << 20 })
      : null
  const objects: Trade[][] = markets.map(() => [])
  const before = measured()
  let T = T0
  let left = cfg.trades
  while (left > 0) {
    const k = pick()
    const market = markets[k]
    T += rng.int(0, 2)
    const n = Math.min(left, market.matchSize(8))
    const text = encodeTradeFrame(market.category, market.symbol, T + 1, market.match(n, T))
    const frame = parseFrame(text, market.category, T + 3)
    if (frame.kind !== 'trades' || frame.trades.length !== n) throw new Error(`frame not parsed: ${text}`)
    for (const t of frame.trades) {
      if (storage !== null) storage.store(t)
      else objects[k].push(t)
    }
    left -= n
  }
  const after = measured()
  const held = storage !== null ? storage.totalTrades : objects.reduce((a, o) => a + o.length, 0)
  if (held !== cfg.trades) throw new Error(`held ${held} of ${cfg.trades}`)
  toParent({
    type: 'heap',
    result: {
      layout: cfg.layout,
      trades: held,
      symbols: cfg.symbols,
      bytes: after - before,
      bytesPerTrade: (after - before) / held,
      accountedBytes: storage?.memory().used_bytes ?? null
    }
  })
  // Keep what was measured alive until the measure is taken.
  if (storage?.totalTrades === -1 || objects.length === -1) console.log('unreachable')
}

onClose(() => undefined)
try {
  main()
} catch (e) {
  fail(e)
}
