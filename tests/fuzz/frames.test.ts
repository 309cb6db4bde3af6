// Property-based fuzzing of the frame parser and the collector's ingest path with mutations of
// real captured Bybit frames: no exception escapes, every stored trade equals a valid input trade
// exactly (never a partial one), and memory stays bounded.
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { parseFrame } from '../../src/main/core/bybit/frames'
import { FrameIngest } from '../../src/main/core/collector/frame-ingest'
import { NamedLog, RingLog } from '../../src/main/core/log/engine-log'
import { TradeStorage } from '../../src/main/core/storage/trade-storage'
import type { Category } from '../../src/shared/dto'
import { hasRealFixtures, realCaptures } from '../support/fixtures'

const FUZZ = { parser: 0, ingest: 0 }
afterAll(() => {
  // The README's figures come from this line.
  console.log(`FUZZ_CASES ${JSON.stringify(FUZZ)}`)
})

const SEED_FRAMES: string[] = hasRealFixtures()
  ? realCaptures()
      .filter((c) => !c.file.includes('rest'))
      .flatMap((c) => c.lines)
  : [
      '{"topic":"publicTrade.BTCUSDT","ts":1,"type":"snapshot","data":[{"i":"2240000000970262966","T":1761520812345,"p":"114505.5","v":"0.000036","S":"Buy","s":"BTCUSDT","seq":111156121170,"BT":false,"RPI":false}]}'
    ]

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

const weird = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    false,
    0,
    -1,
    1e308,
    -1e308,
    2 ** 53 + 1,
    '',
    'NaN',
    '1e5',
    '-1',
    '0',
    '0.0',
    '١٢٣'
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.double(),
  fc.integer(),
  fc.constant<Json>('9'.repeat(400)),
  fc.constant<Json>({ __proto__: { polluted: true } } as unknown as Json),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>
)

const KEYS = [
  'i',
  'T',
  'p',
  'v',
  'S',
  's',
  'seq',
  'BT',
  'RPI',
  'L',
  'topic',
  'data',
  'type',
  'ts',
  '__proto__',
  'constructor'
]

/** One mutation applied to a parsed captured frame, then serialized (or the text itself mangled). */
const mutated: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 0, max: SEED_FRAMES.length - 1 }),
    fc.integer({ min: 0, max: 7 }),
    fc.constantFrom(...KEYS),
    weird,
    fc.nat(),
    fc.nat({ max: 5000 })
  )
  .map(([idx, op, key, value, pos, depth]) => {
    const text = SEED_FRAMES[idx]
    const msg = JSON.parse(text) as Record<string, Json>
    const data = Array.isArray(msg.data) ? (msg.data as Record<string, Json>[]) : []
    const item = data.length > 0 ? data[pos % data.length] : null
    switch (op) {
      case 0: // drop a field of one trade
        if (item) delete item[key]
        return JSON.stringify(msg)
      case 1: // wrong type / huge / unicode value in one trade
        if (item) item[key] = value
        return JSON.stringify(msg)
      case 2: // same at the top level
        msg[key] = value
        return JSON.stringify(msg)
      case 3: // truncation
        return text.slice(0, pos % (text.length + 1))
      case 4: // deep nesting
        return '['.repeat(depth) + text + ']'.repeat(pos % 2 ? depth : 0)
      case 5: // a prototype key written literally in the JSON text
        return text.replace('{"', `{"__proto__":{"p":"1","i":"evil"},"constructor":{"prototype":{}},"`)
      case 6: // a byte flipped
        return text.slice(0, pos % text.length) + String.fromCharCode(pos % 65536) + text.slice((pos % text.length) + 1)
      default: // the trade array replaced by a mix of good and bad items
        if (item) msg.data = [item, value, { ...item, p: value }] as Json
        return JSON.stringify(msg)
    }
  })

describe('fuzz: frame parser and ingest (mutations of real captured frames)', () => {
  it('parseFrame never throws and returns only fully valid trades (20,000 cases)', () => {
    fc.assert(
      fc.property(mutated, fc.constantFrom<Category>('spot', 'linear', 'inverse'), (text, category) => {
        FUZZ.parser++
        const f = parseFrame(text, category, 1)
        if (f.kind !== 'trades') return
        for (const t of f.trades) {
          expect(typeof t.tradeId).toBe('string')
          expect(t.priceText).toMatch(/^\d+(\.\d+)?$/)
          expect(t.quantityText).toMatch(/^\d+(\.\d+)?$/)
          expect(Number.isSafeInteger(t.timestamp) && t.timestamp > 0).toBe(true)
          expect(['BUY', 'SELL']).toContain(t.side)
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      }),
      { numRuns: 20_000, seed: 4242 }
    )
  })

  it('frame ingest stores only trades equal to a valid input trade, balances, and stays bounded (20,000 cases)', () => {
    const storage = new TradeStorage({ maxTradesPerSymbol: 500, maxSymbols: 50, rawFrames: { maxCount: 200 } })
    const ingest = new FrameIngest({
      name: 'fuzz',
      category: 'spot',
      storage,
      log: new NamedLog(new RingLog({ capacity: 100, stdout: false }), 'fuzz')
    })
    global.gc?.()
    const heapBefore = process.memoryUsage().heapUsed
    fc.assert(
      fc.property(mutated, (text) => {
        FUZZ.ingest++
        const stored: { id: string; price: string; qty: string; T: number; symbol: string }[] = []
        const before = storage.stats().accounting.received
        const f = ingest.handle(text, 1)
        if (f.kind === 'trades') {
          const seen = new Set<string>()
          for (const t of f.trades)
            // The first copy of an id in the frame is the one kept; later copies are duplicates.
            if (!seen.has(t.tradeId) && seen.add(t.tradeId) && storage.holds('spot', t.symbol, t.tradeId))
              stored.push({ id: t.tradeId, price: t.priceText, qty: t.quantityText, T: t.timestamp, symbol: t.symbol })
        }
        // Every stored trade is exactly one of the input items (no partial or synthesized trade).
        let input: unknown
        try {
          input = JSON.parse(text)
        } catch {
          input = null
        }
        const items =
          input && typeof input === 'object' && Array.isArray((input as { data?: unknown }).data)
            ? ((input as { data: Record<string, unknown>[] }).data ?? [])
            : []
        for (const s of stored) {
          const src = items.find(
            (x) =>
              x !== null &&
              typeof x === 'object' &&
              String(x.i) === s.id &&
              x.p === s.price &&
              x.v === s.qty &&
              x.T === s.T
          )
          expect(src, `stored ${s.id} equals no input trade`).toBeDefined()
        }
        const a = storage.stats().accounting
        expect(a.balanced).toBe(true)
        expect(a.received - before).toBe(f.kind === 'trades' ? f.trades.length + f.rejected : 0)
      }),
      { numRuns: 20_000, seed: 777 }
    )
    for (const d of Object.values(storage.symbolDebug())) expect(d.stored).toBeLessThanOrEqual(500)
    expect(storage.rawFrameStats().count).toBeLessThanOrEqual(200)
    global.gc?.()
    // Bounded: rings of 500 per symbol and 200 raw frames, whatever was thrown at it.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024)
  })
})
