// The history routes with persistence off (--no-persist, and the default of the test engine until a
// data dir is given): time ranges answered from the rings, the history summary says `off`, Parquet
// is refused with a code, trades.csv takes a range, and hostile parameters get coded 400s.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TradeDto, TradesResponse } from '../../src/shared/dto'
import type { HistoryResponse } from '../../src/shared/dto-durable'
import { waitFor } from '../support/wait-for'
import { waitSubscribed } from '../support/stack'
import { getJson, http, parseCsv } from './support'
import { startMirrorStack, type MirrorStack } from './stack'

let stack: MirrorStack
let all: TradeDto[]

beforeAll(async () => {
  stack = await startMirrorStack()
  await waitSubscribed(stack.engine)
  stack.sim.emitTrades('spot', 'BTCUSDT', 40, { perFrame: 5 })
  stack.sim.emitTrades('spot', 'ETHUSDT', 10)
  await waitFor(async () => (await stack.engine.handlers.getStorageStats()).total_trades === 50, {
    what: 'all trades stored'
  })
  all = (await getJson<TradesResponse>(stack.port, '/collectors/trades?symbol=BTCUSDT&limit=1000')).body.trades
})

afterAll(async () => {
  await stack?.close()
})

/** The CSV's rows as records keyed by the header line. */
function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text)
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])))
}

const errorOf = async (path: string): Promise<{ status: number; error: string; message: string }> => {
  const { status, body } = await getJson<{ error: string; message: string }>(stack.port, path)
  return { status, ...body }
}

describe('GET /collectors/trades with from/to, persistence off', () => {
  it('without from/to answers exactly as before: no source field, the newest first', async () => {
    const { status, body } = await getJson<TradesResponse>(stack.port, '/collectors/trades?limit=5')
    expect(status).toBe(200)
    expect(body.count).toBe(5)
    expect(Object.keys(body).sort()).toEqual(['count', 'trades'])
  })

  it('answers a range from memory, inclusive, newest first, in epoch ms and in ISO 8601', async () => {
    expect(all.length).toBe(40)
    const times = all.map((t) => t.timestamp).sort((a, b) => a - b)
    const from = times[10]
    const to = times[29]
    const want = all.filter((t) => t.timestamp >= from && t.timestamp <= to).map((t) => t.trade_id)
    for (const [f, t] of [
      [String(from), String(to)],
      [new Date(from).toISOString(), new Date(to).toISOString()]
    ]) {
      const q = `/collectors/trades?symbol=BTCUSDT&from=${encodeURIComponent(f)}&to=${encodeURIComponent(t)}&limit=1000`
      const { status, body } = await getJson<TradesResponse>(stack.port, q)
      expect(status).toBe(200)
      expect(body.source).toBe('memory')
      expect(body.trades.map((x) => x.trade_id).sort()).toEqual([...want].sort())
      const got = body.trades.map((x) => x.timestamp)
      expect(got).toEqual([...got].sort((a, b) => b - a))
    }
  })

  it('limit keeps the newest of the range', async () => {
    const from = Math.min(...all.map((t) => t.timestamp))
    const { body } = await getJson<TradesResponse>(stack.port, `/collectors/trades?symbol=BTCUSDT&from=${from}&limit=3`)
    expect(body.trades.map((t) => t.trade_id)).toEqual(all.slice(0, 3).map((t) => t.trade_id))
  })

  it.each([
    ['from=yesterday', /from must be epoch milliseconds or an ISO 8601 time/],
    ['to=2026-13-45T00:00:00Z', /to is not a real date and time/],
    ['from=2026-01-02T03:04:05', /from needs a zone/],
    ['from=1700000000', /from must lie between 2000-01-01 and 2100-01-01/],
    ['to=99999999999999999', /to must lie between/],
    ['from=1767322800000&to=1767236400000', /from \(2026-01-02T03:00:00\.000Z\) is after to/],
    ['from=1767322800000&limit=100000000', /limit must be an integer between 1 and 1000/],
    ["symbol=BTCUSDT'%20OR%201=1--&from=1767322800000", /invalid symbol/],
    ['symbol=BTCUSDT;DROP%20TABLE%20trades&from=1767322800000', /invalid symbol/]
  ])('%s → 400 bad_request naming the rule', async (query, rule) => {
    const e = await errorOf(`/collectors/trades?${query}`)
    expect(e.status).toBe(400)
    expect(e.error).toBe('bad_request')
    expect(e.message).toMatch(rule)
  })
})

describe('GET /collectors/history, persistence off', () => {
  it('is a 200 with persist.state off and no symbols', async () => {
    const { status, body } = await getJson<HistoryResponse>(stack.port, '/collectors/history')
    expect(status).toBe(200)
    expect(body.persist.state).toBe('off')
    expect(body.persist.file).toBeNull()
    expect(body.symbols).toEqual([])
  })
})

describe('exports, persistence off', () => {
  it('trades.parquet → 409 persistence_off', async () => {
    const e = await errorOf('/collectors/trades.parquet?symbol=BTCUSDT')
    expect(e.status).toBe(409)
    expect(e.error).toBe('persistence_off')
    expect(e.message).toMatch(/--no-persist/)
  })

  it.each([
    ['/collectors/trades.csv?from=2026-13-01', /from is not a real date/],
    ['/collectors/trades.csv?symbol=BTC%00USDT&from=1767322800000', /invalid symbol/],
    ['/collectors/trades.csv?from=1767322800000&to=1767236400000', /is after to/],
    ['/collectors/trades.parquet?to=0', /to must lie between/]
  ])('%s → 400 bad_request', async (path, rule) => {
    const e = await errorOf(path)
    expect(e).toMatchObject({ status: 400, error: 'bad_request' })
    expect(e.message).toMatch(rule)
  })

  it('trades.parquet with a bad range → 400 before anything else', async () => {
    const e = await errorOf('/collectors/trades.parquet?from=tomorrow')
    expect(e).toMatchObject({ status: 400, error: 'bad_request' })
  })

  it('trades.csv over a range holds exactly the range, oldest first, under a file name naming it', async () => {
    const times = all.map((t) => t.timestamp).sort((a, b) => a - b)
    const [from, to] = [times[5], times[20]]
    const res = await http(stack.port, `/collectors/trades.csv?symbol=BTCUSDT&from=${from}&to=${to}`)
    expect(res.status).toBe(200)
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="trades-BTCUSDT-\d{8}T\d{6}Z-\d{8}T\d{6}Z\.csv"$/
    )
    const rows = csvRecords(res.text)
    const want = all.filter((t) => t.timestamp >= from && t.timestamp <= to)
    expect(rows.map((r) => r.trade_id).sort()).toEqual(want.map((t) => t.trade_id).sort())
    const ts = rows.map((r) => Number(r.timestamp))
    expect(ts).toEqual([...ts].sort((a, b) => a - b))
  })

  it('trades.csv without a range keeps its old name and rows', async () => {
    const res = await http(stack.port, '/collectors/trades.csv?symbol=ETHUSDT')
    expect(res.headers['content-disposition']).toBe('attachment; filename="trades-ETHUSDT.csv"')
    expect(csvRecords(res.text)).toHaveLength(10)
  })

  it('POST /collectors/export (the desktop save dialog) → 503 unavailable over HTTP', async () => {
    const res = await http(stack.port, '/collectors/export', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-MDM-Token': stack.token },
      body: JSON.stringify({ format: 'csv', symbol: 'BTCUSDT' })
    })
    expect(res.status).toBe(503)
    expect(JSON.parse(res.text)).toMatchObject({ error: 'unavailable' })
  })
})
