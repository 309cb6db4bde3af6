// The REST recent-trade client the backfill uses: real captured responses parse exactly, Bybit's
// per-category limits, https only, redirects never followed, deadlines, 429/403 pauses, and the
// client-side token bucket. Real local HTTP servers on 127.0.0.1.
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BybitRestClient } from '../../src/main/core/rest/rest-client'
import { parseRecentTrades } from '../../src/main/core/rest/recent-trade'
import { expectNoSilentLoss, startRig, type Rig } from '../support/fault-rig'
import { hasRealFixtures, REAL_FIXTURES_ABSENT_REASON, REAL_FIXTURES_DIR } from '../support/fixtures'
import { listenLoopback } from '../support/loopback'
import { waitFor } from '../support/wait-for'

const servers: Server[] = []
const clients: BybitRestClient[] = []
let rig: Rig | null = null
afterEach(async () => {
  for (const c of clients.splice(0)) c.close()
  await rig?.close()
  rig = null
  for (const s of servers.splice(0)) {
    s.closeAllConnections()
    await new Promise<void>((r) => s.close(() => r()))
  }
})

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const s = createServer(handler)
  servers.push(s)
  return `http://127.0.0.1:${await listenLoopback(s)}`
}

function client(baseUrl: string, o: Partial<ConstructorParameters<typeof BybitRestClient>[0]> = {}): BybitRestClient {
  const c = new BybitRestClient({ baseUrl, timeoutMs: 1000, ...o })
  clients.push(c)
  return c
}

const OK_EMPTY = '{"retCode":0,"retMsg":"OK","result":{"category":"spot","list":[]},"retExtInfo":{},"time":1}'

describe('REST recent-trade parsing of real captures', () => {
  const skipReason = hasRealFixtures() ? '' : ` (skipped: ${REAL_FIXTURES_ABSENT_REASON})`
  it.skipIf(!hasRealFixtures())(
    `parses the open-trader (3 × 60) and rbot testnet (5) responses exactly${skipReason}`,
    () => {
      const lines = readFileSync(
        path.join(REAL_FIXTURES_DIR, 'open-trader_spot_BTCUSDC_rest_recent-trade_2025-10-26.jsonl'),
        'utf8'
      )
        .split('\n')
        .filter((l) => l.trim() !== '')
      const rbot = readFileSync(
        path.join(REAL_FIXTURES_DIR, 'rbot_spot_BTCUSDT_rest_recent-trade_TESTNET_2023-12-23.json'),
        'utf8'
      )
      for (const [text, symbol, n] of [
        ...lines.map((l) => [l, 'BTCUSDC', 60] as const),
        [rbot, 'BTCUSDT', 5] as const
      ]) {
        const body = JSON.parse(text) as { result: { list: Record<string, unknown>[] } }
        const r = parseRecentTrades(body, 'spot', symbol, 1)
        expect(r.ok).toBe(true)
        if (!r.ok) continue
        expect(r.value).toMatchObject({ rejected: 0 })
        expect(r.value.trades).toHaveLength(n)
        r.value.trades.forEach((t, k) => {
          const src = body.result.list[k]
          expect(t.toDto()).toMatchObject({
            trade_id: src.execId,
            price: src.price,
            quantity: src.size,
            side: src.side === 'Buy' ? 'BUY' : 'SELL',
            timestamp: Number(src.time),
            is_block_trade: src.isBlockTrade,
            backfilled: true,
            ...(src.seq !== undefined ? { seq: Number(src.seq) } : {})
          })
        })
      }
    }
  )

  it('refuses error envelopes and bad items without throwing', () => {
    expect(parseRecentTrades({ retCode: 10001, retMsg: 'params error' }, 'spot', 'X', 1)).toMatchObject({
      ok: false,
      retCode: 10001
    })
    expect(parseRecentTrades('nope', 'spot', 'X', 1).ok).toBe(false)
    const r = parseRecentTrades(
      { retCode: 0, result: { list: [{ execId: '1', price: '1', size: '1', side: 'Buy', time: '1.5', symbol: 'X' }] } },
      'spot',
      'X',
      1
    )
    expect(r).toMatchObject({ ok: true, value: { trades: [], rejected: 1 } })
  })
})

describe('REST client behaviour', () => {
  it('asks for Bybit’s per-category limit (spot 60, linear/inverse 1000) and clamps larger asks', async () => {
    const urls: string[] = []
    const base = await serve((req, res) => {
      urls.push(req.url ?? '')
      res.end(OK_EMPTY)
    })
    const c = client(base)
    await c.recentTrades('spot', 'BTCUSDT', 1000)
    await c.recentTrades('linear', 'BTCUSDT')
    await c.recentTrades('inverse', 'BTCUSD', 5000)
    expect(urls).toEqual([
      '/v5/market/recent-trade?category=spot&symbol=BTCUSDT&limit=60',
      '/v5/market/recent-trade?category=linear&symbol=BTCUSDT&limit=1000',
      '/v5/market/recent-trade?category=inverse&symbol=BTCUSD&limit=1000'
    ])
  })

  it('https only (plain http on loopback): a remote http URL is refused without a request', async () => {
    const r = await client('http://api.bybit.com').recentTrades('spot', 'BTCUSDT')
    expect(r).toMatchObject({ ok: false, code: 'bad_url' })
  })

  it('never follows a redirect to another host', async () => {
    let hits = 0
    const other = await serve((_req, res) => {
      hits++
      res.end(OK_EMPTY)
    })
    const base = await serve((_req, res) => res.writeHead(302, { location: `${other}/v5/market/recent-trade` }).end())
    const r = await client(base).recentTrades('spot', 'BTCUSDT')
    expect(r).toMatchObject({ ok: false, code: 'redirect' })
    expect(hits).toBe(0)
  })

  it('gives up at its deadline (AbortController)', async () => {
    const base = await serve(() => {})
    const t0 = Date.now()
    const r = await client(base, { timeoutMs: 200 }).recentTrades('spot', 'BTCUSDT')
    expect(r).toMatchObject({ ok: false, code: 'timeout' })
    expect(Date.now() - t0).toBeLessThan(1000)
  })

  it('429 honours Retry-After; 403 ("access too frequent") pauses 10 minutes; nothing is sent meanwhile', async () => {
    let hits = 0
    let status = 429
    const base = await serve((_req, res) => {
      hits++
      res.writeHead(status, status === 429 ? { 'retry-after': '1' } : {}).end('access too frequent')
    })
    const c = client(base)
    expect(await c.recentTrades('spot', 'BTCUSDT')).toMatchObject({ ok: false, code: 'rate_limited' })
    expect(c.pause!.until - Date.now()).toBeGreaterThan(800)
    expect(await c.recentTrades('spot', 'BTCUSDT')).toMatchObject({ ok: false, code: 'rate_limited' })
    expect(hits).toBe(1)
    await waitFor(() => c.pause === null, { timeoutMs: 2000 })
    status = 403
    await c.recentTrades('spot', 'BTCUSDT')
    expect(hits).toBe(2)
    expect(c.pause!.until - Date.now()).toBeGreaterThan(9 * 60_000)
  })

  it('spends at most its token bucket: 30 calls at 20/s with a burst of 5 take ≥ 1.2 s', async () => {
    // When each request leaves the client (undici's own event, as fetch creates it): the server's
    // arrival times would bunch whenever this busy process is slow to read them.
    const sent: number[] = []
    const onCreate = (): void => void sent.push(Date.now())
    const base = await serve((_req, res) => res.end(OK_EMPTY))
    const c = client(base, { requestsPerSecond: 20, burst: 5 })
    const t0 = Date.now()
    subscribe('undici:request:create', onCreate)
    try {
      const results = await Promise.all(Array.from({ length: 30 }, () => c.recentTrades('spot', 'BTCUSDT')))
      expect(results.every((r) => r.ok)).toBe(true)
    } finally {
      unsubscribe('undici:request:create', onCreate)
    }
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1200)
    expect(sent).toHaveLength(30)
    // In any 500 ms window: at most burst + 10 requests.
    for (const t of sent) expect(sent.filter((u) => u >= t && u < t + 500).length).toBeLessThanOrEqual(15)
  })

  it('a failing REST endpoint settles the gap as failed with the error, and the loss is counted', async () => {
    const bad = await serve((_req, res) => res.writeHead(500).end())
    rig = await startRig({ sim: { tradesPerSecond: 200, tickMs: 10 }, settings: { restUrl: bad } })
    await rig.streaming()
    await waitFor(() => rig!.engine.storage.totalTrades > 10)
    rig.sim.faults.dropConnections()
    await waitFor(() => rig!.gaps()[0]?.backfill === 'failed', { what: 'gap failed' })
    expect(rig.gaps()[0]).toMatchObject({ recovered: 0, unrecovered: null })
    expect(rig.gaps()[0].detail).toContain('HTTP 500')
    expect(rig.engine.handlers.getTasks().tasks['bybit_trades.backfill'].last_error?.code).toBe('rest_http_error')
    await expectNoSilentLoss(rig)
  })
})
