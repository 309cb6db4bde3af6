import Decimal from 'decimal.js'
import { describe, expect, it } from 'vitest'
import type { Category } from '../../src/shared/dto'
import { parseFrame, type BybitFrame } from '../../src/main/core/bybit/frames'
import { isPlainDecimal } from '../../src/main/core/trade'
import { hasRealFixtures, realCaptures, REAL_FIXTURES_ABSENT_REASON } from '../support/fixtures'

type WireTrade = {
  i: string
  T: number
  p: string
  v: string
  S: string
  s: string
  seq?: number
  L?: string
  BT?: boolean
  RPI?: boolean
}

function categoryOf(file: string, symbol: string): Category {
  if (file.includes('spot')) return 'spot'
  if (file.includes('inverse') && symbol.endsWith('USD')) return 'inverse'
  return 'linear'
}

function trades(frame: BybitFrame) {
  if (frame.kind !== 'trades') throw new Error(`expected trades, got ${frame.kind}`)
  return frame
}

describe.skipIf(!hasRealFixtures())('real Bybit captures parse exactly', () => {
  if (!hasRealFixtures()) console.warn(`skipped: ${REAL_FIXTURES_ABSENT_REASON}`)
  const captures = hasRealFixtures() ? realCaptures() : []

  it('finds the captures', () => {
    expect(captures.length).toBeGreaterThanOrEqual(6)
  })

  for (const { file, lines } of captures) {
    it(`${file}: every line`, () => {
      let tradeCount = 0
      for (const line of lines) {
        const raw = JSON.parse(line) as Record<string, unknown>
        if (typeof raw.topic === 'string') {
          const wire = raw.data as WireTrade[]
          const category = categoryOf(file, raw.topic)
          const f = trades(parseFrame(line, category, 1))
          expect(f.rejected).toBe(0)
          expect(f.topic).toBe(raw.topic)
          expect(f.trades).toHaveLength(wire.length)
          f.trades.forEach((t, k) => {
            const w = wire[k]
            expect(t.tradeId).toBe(w.i)
            expect(t.symbol).toBe(w.s)
            expect(t.side).toBe(w.S === 'Buy' ? 'BUY' : 'SELL')
            expect(t.timestamp).toBe(w.T)
            expect(t.category).toBe(category)
            expect(t.price.equals(new Decimal(w.p))).toBe(true)
            expect(t.quantity.equals(new Decimal(w.v))).toBe(true)
            const dto = t.toDto()
            expect(dto.price).toBe(w.p)
            expect(dto.quantity).toBe(w.v)
            expect(dto.trade_id).toBe(w.i)
            expect(dto.seq).toBe(w.seq)
            expect(dto.tick_direction).toBe(w.L)
            expect(dto.is_block_trade).toBe(w.BT)
            expect(dto.is_rpi).toBe(w.RPI)
          })
          tradeCount += wire.length
        } else if (raw.op === 'subscribe') {
          const f = parseFrame(line, 'spot', 1)
          expect(f).toMatchObject({ kind: 'subscribe', success: true, retMsg: 'subscribe', reqId: null })
        } else {
          // REST recent-trade responses: not stream frames; recognised as such without throwing.
          expect(raw.retCode).toBe(0)
          expect(parseFrame(line, 'spot', 1).kind).toBe('other')
        }
      }
      if (!file.includes('rest_')) expect(tradeCount).toBeGreaterThan(0)
    })
  }

  it('keeps 19-digit spot ids exact (beyond 2^53)', () => {
    const spot = captures.find((c) => c.file.startsWith('open-trader_spot_BTCUSDC_ws'))
    expect(spot).toBeDefined()
    const f = trades(parseFrame(spot!.lines[1], 'spot', 1))
    expect(f.trades[0].tradeId).toBe('2240000000970262966')
    expect(BigInt(f.trades[0].tradeId) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true)
  })
})

describe('trade validation', () => {
  const frame = (data: unknown[]): string =>
    JSON.stringify({ topic: 'publicTrade.BTCUSDT', ts: 2, type: 'snapshot', data })
  const good = { i: '1', T: 1700000000000, p: '104569.5', v: '0.019691', S: 'Buy', s: 'BTCUSDT', BT: false }

  it('rejects each bad trade and keeps its valid neighbours', () => {
    const bad = [
      { ...good, i: 'a', p: 'NaN' },
      { ...good, i: 'b', p: '-1' },
      { ...good, i: 'c', p: '0' },
      { ...good, i: 'd', p: '0.000' },
      { ...good, i: 'e', p: '' },
      { ...good, i: 'f', p: '1e5' },
      { ...good, i: 'g', p: 104569.5 },
      { ...good, i: 'h', v: '0' },
      { ...good, i: 'j', S: 'buy' },
      { ...good, i: 'k', T: 'x' },
      { ...good, i: '' },
      null
    ]
    const f = trades(parseFrame(frame([good, ...bad, { ...good, i: '2', S: 'Sell' }]), 'spot', 5))
    expect(f.trades.map((t) => t.tradeId)).toEqual(['1', '2'])
    expect(f.rejected).toBe(bad.length)
    expect(f.firstRejection).toContain('bad price')
  })

  it('reads option frames with a top-level id, and linear tick direction', () => {
    const f = trades(
      parseFrame(
        '{"id":"publicTrade.BTC-1-2","topic":"publicTrade.BTC","ts":1,"data":[{"p":"985","v":"0.01","i":"0404c393-8419-5bac-95c3-5fea28404754","T":1680652922081,"BT":false,"s":"BTC-28APR23-29500-C","S":"Sell"}],"type":"snapshot"}',
        'linear',
        1
      )
    )
    expect(f.trades[0].symbol).toBe('BTC-28APR23-29500-C')
    expect(f.trades[0].toDto()).toMatchObject({ price: '985', quantity: '0.01', side: 'SELL' })
  })

  it('checks decimal strings strictly', () => {
    for (const okText of ['1', '0.1', '104569.50', '5823']) expect(isPlainDecimal(okText)).toBe(true)
    for (const bad of ['', '.', '1.', '.5', '1.2.3', '-1', '+1', '1e5', 'Infinity', ' 1', '1_000']) {
      expect(isPlainDecimal(bad)).toBe(false)
    }
  })

  it('counts a malformed frame instead of throwing', () => {
    for (const text of ['{', '[]', 'null', '"x"', '{"topic":"publicTrade.X","data":{}}']) {
      expect(parseFrame(text, 'spot', 1).kind).toBe('malformed')
    }
  })
})

describe('subscribe replies and pongs in every documented shape', () => {
  it.each([
    ['{"success":true,"ret_msg":"subscribe","conn_id":"c","req_id":"10001","op":"subscribe"}', true, '10001', []],
    ['{"success":true,"ret_msg":"","conn_id":"c","req_id":"","op":"subscribe"}', true, null, []],
    ['{"success":true,"ret_msg":"subscribe","conn_id":"c","op":"subscribe"}', true, null, []],
    [
      '{"success":false,"ret_msg":"error:handler not found,topic:publicTrade.NOPE","conn_id":"c","req_id":"7","op":"subscribe"}',
      false,
      '7',
      ['publicTrade.NOPE']
    ],
    [
      '{"success":false,"ret_msg":"error:already subscribed,topic:publicTrade.BTCUSDT","conn_id":"c","op":"subscribe"}',
      false,
      null,
      ['publicTrade.BTCUSDT']
    ],
    ['{"success":false,"ret_msg":"args size \\u003e10","conn_id":"c","op":"subscribe"}', false, null, []],
    [
      '{"success":false,"ret_msg":"Invalid symbol :[publicTrade.NOPEUSDT]","conn_id":"c","op":"subscribe"}',
      false,
      null,
      ['publicTrade.NOPEUSDT']
    ]
  ])('%s', (text, success, reqId, topics) => {
    expect(parseFrame(text, 'spot', 1)).toMatchObject({ kind: 'subscribe', success, reqId, topics })
  })

  it('reads args size >10 verbatim', () => {
    expect(parseFrame('{"success":false,"ret_msg":"args size \\u003e10","op":"subscribe"}', 'spot', 1)).toMatchObject({
      retMsg: 'args size >10'
    })
  })

  it.each([
    ['{"success":true,"ret_msg":"pong","conn_id":"c","op":"ping"}', null],
    ['{"success":true,"ret_msg":"pong","conn_id":"c","req_id":"","op":"ping"}', null],
    ['{"success":true,"ret_msg":"pong","conn_id":"c","req_id":"1","op":"ping"}', '1'],
    ['{"args":["1672916271846"],"op":"pong"}', null],
    ['{"req_id":"test","op":"pong","args":["1675418560633"],"conn_id":"c"}', 'test']
  ])('pong %s', (text, reqId) => {
    expect(parseFrame(text, 'linear', 1)).toEqual({ kind: 'pong', reqId })
  })
})
