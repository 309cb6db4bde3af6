// Part `publish`: forwarding to a local nats-server with JetStream. Acknowledged trades per second
// (a backlog pushed at once, timed until the last acknowledgement), the publish lag (local receipt →
// JetStream acknowledgement) at a steady 2,000 trades/s, and our ingest with publishing on beside
// it off. Skipped, with the reason, when nats-server is not installed.
import { Forwarder } from '../src/main/core/forward/forwarder'
import { forwardConfig } from '../src/main/core/forward/forward-config'
import { NamedLog, RingLog } from '../src/main/core/log/engine-log'
import { TaskRegistry } from '../src/main/core/tasks'
import { Trade } from '../src/main/core/trade'
import { startNatsServer } from './nats-server'

export { NATS_SKIP_REASON } from './nats-server'

export interface PublishBench {
  trades: number
  /** Acknowledged trades per second, backlog pushed at once. */
  tps: number | null
  rate: number
  lagTrades: number
  lagP50Ms: number | null
  lagP99Ms: number | null
  dropped: number
}

function forwarder(url: string, capacity: number): Forwarder {
  const log = new RingLog({ capacity: 1000, stdout: false })
  return new Forwarder(forwardConfig([url], { outboxCapacity: capacity, stopDrainMs: 10_000 }), {
    log: new NamedLog(log, 'publish'),
    task: new TaskRegistry().register('publish.nats'),
    backlog: null
  })
}

let nextId = 1
function trade(symbol: string, now: number): Trade {
  const id = nextId++
  return new Trade({
    symbol,
    side: id % 2 === 0 ? 'BUY' : 'SELL',
    price: `${60_000 + (id % 1000)}.5`,
    quantity: '0.00125',
    timestamp: now,
    receivedAt: now,
    category: 'spot',
    tradeId: String(2_240_000_000_000_000_000n + BigInt(id)),
    seq: id
  })
}

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`publish: timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

async function throughput(url: string, n: number): Promise<number> {
  const f = forwarder(url, n)
  f.start()
  await until(() => f.stateValue === 'connected', 10_000, 'the stream')
  const t0 = performance.now()
  const now = Date.now()
  for (let i = 0; i < n; i++) f.push(trade(i % 2 === 0 ? 'BTCUSDT' : 'ETHUSDT', now))
  await until(() => f.acknowledged >= n, 120_000, `${n} acknowledgements`)
  const s = (performance.now() - t0) / 1000
  await f.stop()
  return n / s
}

async function lagAt(
  url: string,
  perS: number,
  seconds: number
): Promise<Pick<PublishBench, 'lagTrades' | 'lagP50Ms' | 'lagP99Ms' | 'dropped'>> {
  const f = forwarder(url, 200_000)
  f.start()
  await until(() => f.stateValue === 'connected', 10_000, 'the stream')
  const tickMs = 10
  const t0 = Date.now()
  let sent = 0
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.floor(((Date.now() - t0) / 1000) * perS)
      const now = Date.now()
      while (sent < due && sent < perS * seconds) {
        f.push(trade(sent % 2 === 0 ? 'BTCUSDT' : 'ETHUSDT', now))
        sent++
      }
      if (sent >= perS * seconds) {
        clearInterval(timer)
        resolve()
      }
    }, tickMs)
  })
  await until(() => f.pending === 0, 30_000, 'the outbox to drain')
  const p50 = f.latency.quantileMs(0.5)
  const p99 = f.latency.quantileMs(0.99)
  await f.stop()
  return {
    lagTrades: sent,
    lagP50Ms: p50,
    lagP99Ms: p99 === null || Number.isFinite(p99) ? p99 : null,
    dropped: f.dropped
  }
}

export async function publishRun(opts: { trades: number; lagSeconds: number; rate: number }): Promise<PublishBench> {
  const nats = await startNatsServer()
  try {
    const tps = await throughput(nats.url, opts.trades)
    const lag = await lagAt(nats.url, opts.rate, opts.lagSeconds)
    return { trades: opts.trades, tps, rate: opts.rate, ...lag }
  } finally {
    await nats.close()
  }
}

/** A nats-server for the ingest-with-publishing run (the engine child publishes to it). */
export { startNatsServer }
