// ccxt.pro's Bybit client on the same feed: `watchTrades` per symbol with newUpdates, its markets set
// offline (no REST call on first use) and its public ws urls pointed at the simulator.
import ccxt from 'ccxt'
import { childConfig, fail, onClose, toParent, type ClientChildConfig } from '../messages'
import { IngestCounter } from './ingest-counter'

const cfg = childConfig<ClientChildConfig>()

/** A linear USDT perpetual as ccxt's loadMarkets would build it, so no REST call is needed. */
function linearMarket(id: string): Record<string, unknown> {
  const base = id.replace(/USDT$/, '')
  return {
    id,
    symbol: `${base}/USDT:USDT`,
    base,
    quote: 'USDT',
    settle: 'USDT',
    baseId: base,
    quoteId: 'USDT',
    settleId: 'USDT',
    type: 'swap',
    spot: false,
    margin: false,
    swap: true,
    future: false,
    option: false,
    contract: true,
    linear: true,
    inverse: false,
    active: true,
    contractSize: 1,
    precision: { amount: 0.001, price: 0.01 },
    limits: { amount: {}, price: {}, cost: {}, leverage: {} },
    info: {}
  }
}

async function main(): Promise<void> {
  const exchange = new ccxt.pro.bybit({
    newUpdates: true,
    // A burst between two awaits must not overflow the cache, or trades would go uncounted.
    options: { tradesLimit: 20_000 },
    urls: { api: { ws: { public: { linear: cfg.wsUrl, spot: cfg.wsUrl.replace('linear', 'spot') } } } }
  })
  await exchange.loadHttpProxyAgent() // gotcha 1: plain ws:// needs the agent loaded first
  exchange.setMarkets(cfg.symbols.map(linearMarket) as never) // gotcha 2: no REST loadMarkets
  let running = true
  const counter = new IngestCounter(cfg.expectTrades, cfg.idleMs, () => {
    running = false
    void exchange.close()
  })
  onClose(async () => {
    running = false
    counter.dispose()
    await exchange.close()
  })
  // Count what ccxt has parsed and cached (its handleTrades), not what newUpdates hands back: a
  // burst larger than the cache between two awaits would otherwise go uncounted.
  const handleTrades = exchange.handleTrades.bind(exchange)
  exchange.handleTrades = (client: unknown, message: { data?: unknown[] }): void => {
    handleTrades(client as never, message as never)
    counter.add(Array.isArray(message.data) ? message.data.length : 0)
  }
  const symbols = cfg.symbols.map((id) => `${id.replace(/USDT$/, '')}/USDT:USDT`)
  let subscribed = false
  try {
    // One subscribe request for every topic, as our engine sends it: the replay starts on the
    // first subscription, so per-symbol requests would miss the other symbols' first frames.
    while (running) {
      await exchange.watchTradesForSymbols(symbols)
      if (!subscribed) {
        subscribed = true
        toParent({ type: 'subscribed' })
      }
    }
  } catch (e) {
    if (running) throw e
  }
}

main().catch(fail)
