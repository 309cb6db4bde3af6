// The history routes over real HTTP against a real engine persisting to a real DuckDB file in a temp
// data dir: three batches of trades, the ring (100 per symbol) holding only the last one. A range of
// evicted trades comes back from disk; a range spanning disk and memory is complete, newest first,
// each trade once; a range the ring holds is answered from memory. trades.csv reads the same ranges;
// the Parquet file, read back by DuckDB, equals the rows; /collectors/history counts what is on
// disk; the desktop export writes the same rows to the file its save dialog names.

import { readdirSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TradeDto, TradesResponse } from '../../src/shared/dto'
import type { HistoryResponse } from '../../src/shared/dto-durable'
import type { ExportProgress } from '../../src/shared/dto-export'
import type { SentTrade } from '../../src/simulator'
import { getJson, http, parseCsv } from '../http/support'
import { startStack, waitSubscribed, type StackFor } from '../support/stack'
import { waitFor } from '../support/wait-for'
import { removeTempDirs, tempDataDir } from './durable-support'

const RING = 100
const BATCH = 100

type PersistStack = StackFor<{ mirror: true }>
let stack: PersistStack
let dataDir: string
/** What the simulator sent, batch by batch (A oldest, C newest and the only one the ring holds). */
const batches: SentTrade[][] = []
let saveTo: string | null = null
/** Replaces the save dialog for one export. */
let choose: ((name: string) => Promise<string | null>) | null = null
const progress: ExportProgress[] = []

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const idsOf = (trades: { tradeId: string }[]): string[] => trades.map((t) => t.tradeId).sort()
const span = (b: SentTrade[]): { from: number; to: number } => ({
  from: Math.min(...b.map((t) => t.T)),
  to: Math.max(...b.map((t) => t.T))
})

async function trades(query: string): Promise<TradesResponse> {
  const { status, body } = await getJson<TradesResponse>(stack.mirrorPort, `/collectors/trades?${query}`)
  expect(status).toBe(200)
  return body
}

function expectNewestFirstOnce(got: TradeDto[]): void {
  const ts = got.map((t) => t.timestamp)
  expect(ts).toEqual([...ts].sort((a, b) => b - a))
  expect(new Set(got.map((t) => t.trade_id)).size).toBe(got.length)
}

beforeAll(async () => {
  dataDir = tempDataDir()
  stack = await startStack({
    simulator: { seed: 11 },
    engine: {
      settings: { symbols: ['BTCUSDT'], maxTradesPerSymbol: RING },
      options: {
        persist: { dataDir },
        chooseExportFile: (name) => (choose ? choose(name) : Promise.resolve(saveTo))
      }
    },
    mirror: true
  })
  stack.engine.subscribe('export', (p) => progress.push(p))
  await waitSubscribed(stack.engine)
  for (let i = 0; i < 3; i++) {
    const batch: SentTrade[] = []
    // ten frames a few ms apart: distinct exchange times inside a batch, and between batches
    for (let f = 0; f < BATCH / 10; f++) {
      batch.push(...stack.sim.emitTrades('spot', 'BTCUSDT', 10, { perFrame: 10 }))
      await sleep(3)
    }
    batches.push(batch)
    await sleep(20)
  }
  await waitFor(
    async () => {
      const p = (await stack.engine.handlers.getStorageStats()).persist
      return p?.persisted === 3 * BATCH && p.queue_depth === 0 && p.rows_on_disk === 3 * BATCH
    },
    { what: 'every trade on disk', timeoutMs: 15_000 }
  )
}, 30_000)

afterAll(async () => {
  await stack?.close()
  removeTempDirs()
})

describe('GET /collectors/trades across the memory/disk boundary', () => {
  it('the ring holds only the newest batch', async () => {
    const stats = await stack.engine.handlers.getStorageStats()
    expect(stats.trades_by_symbol.BTCUSDT).toBe(RING)
    expect(stats.evicted).toBe(2 * BATCH)
  })

  it('trades evicted from the ring but on disk are returned for an old range', async () => {
    const [a] = batches
    const { from, to } = span(a)
    const body = await trades(`symbol=BTCUSDT&from=${from}&to=${to}&limit=1000`)
    expect(body.source).toBe('disk')
    expect(body.trades.map((t) => t.trade_id).sort()).toEqual(idsOf(a))
    expectNewestFirstOnce(body.trades)
    // exact strings back from disk: the first trade as the simulator sent it
    const sent = a[0]
    const back = body.trades.find((t) => t.trade_id === sent.tradeId)
    expect(back).toMatchObject({ price: sent.price, quantity: sent.size, timestamp: sent.T, symbol: 'BTCUSDT' })
  })

  it('a range spanning disk and memory is complete, newest first, each trade once', async () => {
    const from = span(batches[1]).from
    const body = await trades(`symbol=BTCUSDT&from=${from}&limit=1000`)
    expect(body.source).toBe('disk')
    expect(body.trades.map((t) => t.trade_id).sort()).toEqual(idsOf([...batches[1], ...batches[2]]))
    expectNewestFirstOnce(body.trades)
  })

  it('limit keeps the newest of a spanning range', async () => {
    const from = span(batches[0]).from
    const body = await trades(`symbol=BTCUSDT&from=${from}&limit=150`)
    const all = [...batches[0], ...batches[1], ...batches[2]].sort((x, y) => y.T - x.T)
    expect(body.count).toBe(150)
    const cut = all[149].T
    expect(body.trades.every((t) => t.timestamp >= cut)).toBe(true)
    expectNewestFirstOnce(body.trades)
  })

  it('a range inside what the ring holds is answered from memory', async () => {
    const c = batches[2]
    const from = span(c).from + 1
    const body = await trades(`symbol=BTCUSDT&from=${from}&limit=1000`)
    expect(body.source).toBe('memory')
    expect(body.trades.map((t) => t.trade_id).sort()).toEqual(idsOf(c.filter((t) => t.T >= from)))
  })

  it('without from/to it is the rings, as before', async () => {
    const body = await trades('limit=5')
    expect(body.source).toBeUndefined()
    expect(body.count).toBe(5)
  })
})

describe('exports and history from the DuckDB file', () => {
  it('trades.csv over an evicted range reads the disk', async () => {
    const { from, to } = span(batches[0])
    const res = await http(stack.mirrorPort, `/collectors/trades.csv?symbol=BTCUSDT&from=${from}&to=${to}`)
    expect(res.status).toBe(200)
    const [header, ...rows] = parseCsv(res.text)
    const id = header.indexOf('trade_id')
    expect(rows.map((r) => r[id]).sort()).toEqual(idsOf(batches[0]))
  })

  it('trades.parquet, read back by DuckDB, equals the rows, and its temp file is gone', async () => {
    const temps = (): string[] => readdirSync(tmpdir()).filter((n) => n.startsWith('mdm-parquet-'))
    const before = new Set(temps())
    const res = await fetch(`http://127.0.0.1:${stack.mirrorPort}/collectors/trades.parquet?symbol=BTCUSDT`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.parquet')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="trades-BTCUSDT.parquet"')
    expect(res.headers.get('x-mdm-rows')).toBe(String(3 * BATCH))
    const file = path.join(tempDataDir(), 'back.parquet')
    await writeFile(file, Buffer.from(await res.arrayBuffer()))
    await waitFor(() => temps().every((n) => before.has(n)), { what: 'the temp Parquet file removed' })
    const db = await DuckDBInstance.create(':memory:')
    const conn = await db.connect()
    try {
      const read = await conn.runAndReadAll(
        'SELECT trade_id, price, quantity, timestamp, side FROM read_parquet($1) ORDER BY timestamp, trade_id',
        [file]
      )
      const got = read.getRowObjectsJson()
      const sent = batches.flat()
      expect(got).toHaveLength(sent.length)
      const want = new Map(sent.map((t) => [t.tradeId, t]))
      for (const row of got) {
        const t = want.get(String(row.trade_id))
        expect(t, String(row.trade_id)).toBeDefined()
        expect(row).toMatchObject({ price: t!.price, quantity: t!.size, timestamp: String(t!.T) })
        expect(row.side).toBe(t!.side === 'Buy' ? 'BUY' : 'SELL')
      }
    } finally {
      conn.closeSync()
    }
  })

  it('a temp dir that cannot be made fails the Parquet export without using up its slots', async () => {
    const url = `http://127.0.0.1:${stack.mirrorPort}/collectors/trades.parquet?symbol=BTCUSDT`
    const saved = process.env.TMPDIR
    process.env.TMPDIR = path.join(tempDataDir(), 'missing', 'tmp')
    try {
      for (let i = 0; i < 3; i++) expect((await fetch(url)).status).toBe(500)
    } finally {
      if (saved === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = saved
    }
    const res = await fetch(url)
    expect(res.status).toBe(200)
    expect(res.headers.get('x-mdm-rows')).toBe(String(3 * BATCH))
    await res.arrayBuffer()
  })

  it('a hostile symbol never reaches SQL: a coded 400', async () => {
    const { status, body } = await getJson<{ error: string }>(
      stack.mirrorPort,
      `/collectors/trades.parquet?symbol=${encodeURIComponent("BTCUSDT') TO '/tmp/x' --")}`
    )
    expect(status).toBe(400)
    expect(body.error).toBe('bad_request')
  })

  it('/collectors/history counts what is on disk per symbol', async () => {
    const { status, body } = await getJson<HistoryResponse>(stack.mirrorPort, '/collectors/history')
    expect(status).toBe(200)
    expect(body.persist.state).toBe('ok')
    expect(body.persist.data_dir).toBe(dataDir)
    expect(body.persist.rows_on_disk).toBe(3 * BATCH)
    const all = batches.flat()
    expect(body.symbols).toEqual([
      expect.objectContaining({
        category: 'spot',
        symbol: 'BTCUSDT',
        stored: 3 * BATCH,
        first_timestamp: Math.min(...all.map((t) => t.T)),
        last_timestamp: Math.max(...all.map((t) => t.T)),
        pending: 0
      })
    ])
  })

  it('the desktop export writes the chosen file (CSV and Parquet) and reports progress', async () => {
    const dir = tempDataDir()
    const { from, to } = span(batches[0])
    saveTo = path.join(dir, 'old.csv')
    const csv = await stack.engine.handlers.saveTradesExport({ format: 'csv', symbol: 'BTCUSDT', from, to })
    expect(csv).toMatchObject({ ok: true, file: saveTo, rows: BATCH })
    const [header, ...rows] = parseCsv(await readFile(saveTo, 'utf8'))
    expect(rows.map((r) => r[header.indexOf('trade_id')]).sort()).toEqual(idsOf(batches[0]))
    expect(progress.at(-1)).toMatchObject({ state: 'done', file: saveTo, rows: BATCH })

    saveTo = path.join(dir, 'all.parquet')
    const pq = await stack.engine.handlers.saveTradesExport({ format: 'parquet', symbol: 'BTCUSDT' })
    expect(pq).toMatchObject({ ok: true, file: saveTo, rows: 3 * BATCH })
    expect(pq.bytes).toBeGreaterThan(0)

    // cancelled while it writes: no file under the chosen name, no partial file left beside it
    const cancelled = path.join(dir, 'cancelled.csv')
    choose = () => {
      expect(stack.engine.handlers.cancelTradesExport()).toEqual({ ok: true, message: 'Export cancelled' })
      return Promise.resolve(cancelled)
    }
    const stopped = await stack.engine.handlers.saveTradesExport({ format: 'csv', symbol: 'BTCUSDT' })
    expect(stopped).toMatchObject({ ok: false, file: null, message: 'Export cancelled' })
    expect(progress.at(-1)).toMatchObject({ state: 'cancelled' })
    expect(readdirSync(dir).sort()).toEqual(['all.parquet', 'old.csv'])
    expect(stack.engine.handlers.cancelTradesExport()).toEqual({ ok: false, message: 'No export is being written' })
    choose = null

    // a folder that does not exist: a failed export with the reason, nothing left behind
    saveTo = path.join(dir, 'missing', 'x.csv')
    const failed = await stack.engine.handlers.saveTradesExport({ format: 'csv', symbol: 'BTCUSDT' })
    expect(failed).toMatchObject({ ok: false, file: null })
    expect(failed.message).toMatch(/^Export failed: .*ENOENT/)
    expect(progress.at(-1)).toMatchObject({ state: 'failed' })

    saveTo = null
    const closed = await stack.engine.handlers.saveTradesExport({ format: 'csv' })
    expect(closed).toMatchObject({ ok: false, file: null, message: 'Export cancelled: no file chosen' })
  })
})
