// Every endpoint of the mirror over real HTTP, against the real engine collecting from the simulator:
// shapes, values (trades exactly as the simulator sent them), and the guide's commands' greps.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  CollectorStatus,
  GapsResponse,
  HealthReport,
  LogsResponse,
  RuntimeInfo,
  SamplesResponse,
  StorageDebug,
  StorageStats,
  TasksResponse,
  TradeDto,
  TradesResponse
} from '../../src/shared/dto'
import type { Settings } from '../../src/shared/settings'
import type { SentTrade } from '../../src/simulator'
import { getJson, http, parseCsv } from './support'
import { waitFor } from '../support/wait-for'
import { waitSubscribed } from '../support/stack'
import { startMirrorStack, type MirrorStack } from './stack'

/** What `python -m json.tool` prints: 4-space indentation, one key per line. */
const pretty = (value: unknown): string => JSON.stringify(value, null, 4)

/** `grep -A n pattern`: matching lines plus the n lines after each. */
function grepA(text: string, pattern: RegExp, after = 0): string[] {
  const lines = text.split('\n')
  const out: string[] = []
  lines.forEach((line, i) => {
    if (pattern.test(line)) out.push(...lines.slice(i, i + 1 + after))
  })
  return out
}

const asStored = (t: SentTrade): Partial<TradeDto> => ({
  symbol: t.symbol,
  side: t.side === 'Buy' ? 'BUY' : 'SELL',
  price: t.price,
  quantity: t.size,
  timestamp: t.T,
  exchange: 'bybit',
  category: 'spot',
  trade_id: t.tradeId
})

let stack: MirrorStack
let sent: SentTrade[]

beforeAll(async () => {
  stack = await startMirrorStack()
  await waitSubscribed(stack.engine)
  sent = [
    ...stack.sim.emitTrades('spot', 'BTCUSDT', 30, { perFrame: 7 }),
    ...stack.sim.emitTrades('spot', 'ETHUSDT', 12)
  ]
  await waitFor(async () => (await stack.engine.handlers.getStorageStats()).total_trades === 42, {
    what: 'all trades stored',
    timeoutMs: 10_000,
    intervalMs: 25
  })
})
afterAll(async () => {
  await stack?.close()
})

describe('the guide endpoints', () => {
  it('/health reports a healthy engine with per-collector and storage summaries', async () => {
    const { status, body, res } = await getJson<HealthReport>(stack.port, '/health', {
      host: `localhost:${stack.port}`
    })
    expect(status).toBe(200)
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(body.status).toBe('healthy')
    const startedAt = (await stack.engine.handlers.getRuntime()).started_at
    expect(body.uptime_s).toBe(Math.round((body.timestamp - startedAt) / 1000))
    expect(Math.abs(body.timestamp - Date.now())).toBeLessThan(5_000)
    expect(body.collectors.bybit_trades).toMatchObject({ status: 'connected', is_active: true, trades_processed: 42 })
    expect(body.storage).toEqual({ total_trades: 42, symbols: 2, balanced: true })
  })

  it('/collectors/status/bybit_trades names the collector, its topics and counters', async () => {
    const { status, body } = await getJson<CollectorStatus>(stack.port, '/collectors/status/bybit_trades')
    expect(status).toBe(200)
    expect(body).toMatchObject({
      name: 'bybit_trades',
      status: 'connected',
      is_active: true,
      exchange: 'bybit',
      category: 'spot',
      url: stack.sim.wsUrl('spot'),
      symbols: ['BTCUSDT', 'ETHUSDT'],
      trades_processed: 42,
      parse_errors: 0,
      reconnect_count: 0,
      next_reconnect_at: null,
      last_error: null
    })
    expect(body.subscriptions.map((t) => [t.topic, t.state])).toEqual([
      ['publicTrade.BTCUSDT', 'subscribed'],
      ['publicTrade.ETHUSDT', 'subscribed']
    ])
    expect(body.messages_received).toBeGreaterThanOrEqual(5 + 2)
    expect(body.last_message_at).not.toBeNull()
  })

  it('/collectors/status lists every collector, keyed by name', async () => {
    const { status, body } = await getJson<Record<string, CollectorStatus>>(stack.port, '/collectors/status')
    expect(status).toBe(200)
    expect(Object.keys(body)).toEqual(['bybit_trades'])
    expect(body.bybit_trades.status).toBe('connected')
  })

  it('/collectors/storage/stats counts what was stored, per symbol, with balanced accounting', async () => {
    const { status, body } = await getJson<StorageStats>(stack.port, '/collectors/storage/stats')
    expect(status).toBe(200)
    expect(body.total_trades).toBe(42)
    expect(body.trades_by_symbol).toEqual({ BTCUSDT: 30, ETHUSDT: 12 })
    expect(body).toMatchObject({ evicted: 0, duplicates_dropped: 0, rejected: 0, max_trades_per_symbol: 100_000 })
    expect(body.accounting).toMatchObject({ received: 42, stored: 42, balanced: true })
    expect(body.raw_frames.count).toBeGreaterThan(0)
    expect(body.oldest_timestamp).toBe(Math.min(...sent.map((t) => t.T)))
    expect(body.newest_timestamp).toBe(Math.max(...sent.map((t) => t.T)))
  })

  it('/collectors/trades?limit=5 returns the newest five exactly as the simulator sent them', async () => {
    const { status, body } = await getJson<TradesResponse>(stack.port, '/collectors/trades?limit=5')
    expect(status).toBe(200)
    expect(body.count).toBe(5)
    // Newest first by exchange time; trades of one match share a millisecond, so compare by time.
    const returned = new Set(body.trades.map((t) => t.trade_id))
    const rest = sent.filter((t) => !returned.has(t.tradeId))
    expect(Math.min(...body.trades.map((t) => t.timestamp))).toBeGreaterThanOrEqual(Math.max(...rest.map((t) => t.T)))
    const byId = new Map(sent.map((t) => [t.tradeId, t]))
    for (const trade of body.trades) expect(trade).toMatchObject(asStored(byId.get(trade.trade_id) as SentTrade))
    const times = body.trades.map((t) => t.timestamp)
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })

  it('/collectors/trades keeps every decimal string and 19-digit id intact, filtered by symbol', async () => {
    const { body } = await getJson<TradesResponse>(stack.port, '/collectors/trades?limit=1000&symbol=BTCUSDT')
    expect(body.count).toBe(30)
    const expected = sent.filter((t) => t.symbol === 'BTCUSDT')
    expect(new Set(body.trades.map((t) => t.trade_id))).toEqual(new Set(expected.map((t) => t.tradeId)))
    const byId = new Map(expected.map((t) => [t.tradeId, t]))
    for (const t of body.trades) {
      const s = byId.get(t.trade_id) as SentTrade
      expect([t.price, t.quantity]).toEqual([s.price, s.size])
      expect(typeof t.price).toBe('string')
      expect(t.trade_id).toMatch(/^\d{19}$/)
    }
  })

  it('`watch ... trades?limit=1 | grep count` finds the count line', async () => {
    const { body } = await getJson<TradesResponse>(stack.port, '/collectors/trades?limit=1')
    expect(grepA(pretty(body), /count/)).toEqual(['    "count": 1,'])
  })

  it('/debug/tasks lists the collector tasks and the mirror, and `grep -A 5 "bybit_trades"` finds them', async () => {
    const { status, body } = await getJson<TasksResponse>(stack.port, '/debug/tasks')
    expect(status).toBe(200)
    expect(body.count).toBe(Object.keys(body.tasks).length)
    expect(body.tasks['mirror.http']).toMatchObject({ name: 'mirror.http', state: 'running', last_error: null })
    expect(body.tasks['mirror.http'].detail).toContain(`http://127.0.0.1:${stack.port}`)
    const collectorTasks = Object.keys(body.tasks).filter((n) => n.startsWith('bybit_trades'))
    expect(collectorTasks.length).toBeGreaterThan(0)
    const grep = grepA(pretty(body), /bybit_trades/, 5)
    expect(grep.some((l) => /"state": "(running|idle)"/.test(l))).toBe(true)
  })

  it('/debug/storage shows one collector_<name>_storage entry holding the manager storage', async () => {
    const { status, body } = await getJson<StorageDebug>(stack.port, '/debug/storage')
    expect(status).toBe(200)
    const lines = grepA(pretty(body), /collector_.*_storage/)
    expect(lines).toEqual(['    "collector_bybit_trades_storage": {'])
    expect(body.collector_bybit_trades_storage).toEqual({
      storage_id: body.manager_storage_id,
      is_manager_storage: true,
      total_trades: 42
    })
    expect(body.symbols.BTCUSDT).toMatchObject({ stored: 30 })
  })
})

describe('the rest of the API', () => {
  it('/collectors/gaps lists gaps (none on a clean run)', async () => {
    const { status, body } = await getJson<GapsResponse>(stack.port, '/collectors/gaps')
    expect(status).toBe(200)
    expect(body).toEqual({ count: 0, gaps: [] })
  })

  it('/debug/logs returns the engine log, newest entries, filterable by level', async () => {
    const { body } = await getJson<LogsResponse>(stack.port, '/debug/logs?limit=2000')
    expect(body.count).toBe(body.entries.length)
    expect(body.entries.some((e) => e.message === `Mirror listening on http://127.0.0.1:${stack.port}`)).toBe(true)
    expect(body.entries.some((e) => e.message === 'Successfully subscribed to: publicTrade.BTCUSDT')).toBe(true)
    const errors = await getJson<LogsResponse>(stack.port, '/debug/logs?level=error&limit=5')
    expect(errors.status).toBe(200)
    expect(errors.body.entries.every((e) => e.level === 'ERROR')).toBe(true)
  })

  it('/debug/runtime shows the mirror listening on its port', async () => {
    const { body } = await getJson<RuntimeInfo>(stack.port, '/debug/runtime')
    expect(body).toMatchObject({ app: 'market-data-monitor', mode: 'headless' })
    expect(body.mirror).toEqual({
      state: 'listening',
      host: '127.0.0.1',
      port: stack.port,
      url: `http://127.0.0.1:${stack.port}`,
      error: null
    })
  })

  it('/debug/samples and /settings answer with their shapes', async () => {
    await waitFor(async () => (await getJson<SamplesResponse>(stack.port, '/debug/samples')).body.count > 0, {
      what: 'a rate sample',
      timeoutMs: 10_000,
      intervalMs: 25
    })
    const settings = await getJson<Settings>(stack.port, '/settings')
    expect(settings.body).toMatchObject({
      category: 'spot',
      symbols: ['BTCUSDT', 'ETHUSDT'],
      wsUrl: stack.sim.wsUrl('spot')
    })
  })

  it('/metrics is Prometheus text with help lines and the latency histogram', async () => {
    const res = await http(stack.port, '/metrics')
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8')
    expect(res.text).toMatch(/^# HELP /m)
    expect(res.text).toMatch(/^# TYPE \S+ histogram$/m)
    expect(res.text).toMatch(/_bucket\{.*le="\+Inf".*\} \d+/)
    expect(res.text).toBe(stack.engine.metricsText().replace(/\n$/, '\n'))
  })

  it('/collectors/trades.csv round-trips: parsed back it equals the stored trades, exact strings', async () => {
    const res = await http(stack.port, '/collectors/trades.csv?symbol=BTCUSDT')
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(res.headers['content-disposition']).toBe('attachment; filename="trades-BTCUSDT.csv"')
    const [header, ...rows] = parseCsv(res.text)
    expect(header.slice(0, 9)).toEqual([
      'symbol',
      'side',
      'price',
      'quantity',
      'timestamp',
      'received_at',
      'exchange',
      'category',
      'trade_id'
    ])
    const stored = [...stack.engine.exportTrades('BTCUSDT')]
    expect(rows).toHaveLength(30)
    const col = (name: string): number => header.indexOf(name)
    rows.forEach((row, i) => {
      const t = stored[i]
      expect(row[col('trade_id')]).toBe(t.trade_id)
      expect(row[col('price')]).toBe(t.price)
      expect(row[col('quantity')]).toBe(t.quantity)
      expect(Number(row[col('timestamp')])).toBe(t.timestamp)
      expect(row[col('side')]).toBe(t.side)
    })
    const sentBtc = sent.filter((t) => t.symbol === 'BTCUSDT')
    expect(rows.map((r) => [r[col('trade_id')], r[col('price')], r[col('quantity')]])).toEqual(
      sentBtc.map((t) => [t.tradeId, t.price, t.size])
    )
    const all = parseCsv((await http(stack.port, '/collectors/trades.csv')).text)
    expect(all).toHaveLength(1 + 42)
  })

  it('HEAD answers like GET without a body', async () => {
    const res = await http(stack.port, '/health', { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(res.text).toBe('')
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
  })

  it('/debug/checklist evaluates the ten items and "Trades forwarded" now, over the real mirror', async () => {
    const { status, body } = await getJson<{ items: { id: string; status: string }[] }>(stack.port, '/debug/checklist')
    expect(status).toBe(200)
    expect(body.items).toHaveLength(11)
    expect(body.items.every((i) => ['pass', 'fail', 'pending', 'skipped'].includes(i.status))).toBe(true)
  })
})
