// `GET /debug/frames` over real HTTP, fed by the simulator over a real socket: the newest frames
// exactly as the exchange sent them (malformed ones too, beside the parse error they caused),
// oldest first, the limit honoured and bad limits refused with 400 bad_request.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LogsResponse, RawFramesResponse } from '../../src/shared/dto'
import { waitSubscribed } from '../support/stack'
import { waitFor } from '../support/wait-for'
import { startMirrorStack, type MirrorStack } from './stack'
import { getJson } from './support'

const BROKEN = '{"topic":"publicTrade.BTCUSDT","data":[{"broken" — ünïcödé €'
const NOT_JSON = 'not json at all'

let stack: MirrorStack

const frames = (query: string) => getJson<RawFramesResponse>(stack.port, `/debug/frames${query}`)

beforeAll(async () => {
  stack = await startMirrorStack({ sim: { tradesPerSecond: 20 }, settings: { symbols: ['BTCUSDT'] } })
  await waitSubscribed(stack.engine, ['BTCUSDT'])
  await waitFor(() => stack.engine.handlers.getStorageStats().total_trades > 0, { what: 'a trade stored' })
  stack.sim.sendRaw('spot', NOT_JSON)
  stack.sim.sendRaw('spot', BROKEN)
  await waitFor(() => stack.engine.log.recent(2000).filter((e) => e.code === 'parse_error').length === 2, {
    what: 'two parse errors logged'
  })
})
afterAll(() => stack?.close())

describe('/debug/frames', () => {
  it('holds the frames that failed to parse, byte for byte, beside their parse errors', async () => {
    const { status, body } = await frames('?limit=1000')
    expect(status).toBe(200)
    const texts = body.frames.map((f) => f.text)
    expect(texts).toContain(NOT_JSON)
    expect(texts).toContain(BROKEN)
    expect(texts.indexOf(NOT_JSON)).toBeLessThan(texts.indexOf(BROKEN))
    // the parse error in the log and the frame here name the same moment
    const logs = await getJson<LogsResponse>(stack.port, '/debug/logs?code=parse_error')
    const broken = body.frames.find((f) => f.text === BROKEN)
    expect(logs.body.entries.map((e) => e.at)).toContain(broken?.received_at)
    // the subscribe reply and the trade frames around them are the exchange's JSON
    expect(texts.some((t) => t.includes('"ret_msg":"subscribe"'))).toBe(true)
    const trades = body.frames.filter((f) => f.text.startsWith('{"topic":"publicTrade.BTCUSDT"') && f.text !== BROKEN)
    expect(trades.length).toBeGreaterThan(0)
    for (const f of trades) expect((JSON.parse(f.text) as { topic: string }).topic).toBe('publicTrade.BTCUSDT')
    // each frame's size as received: the UTF-8 bytes of what was sent (ü, ï, ö, é two bytes each, € three)
    expect(broken?.bytes).toBe(Buffer.byteLength(BROKEN, 'utf8'))
    for (const f of body.frames) expect(f.bytes).toBe(Buffer.byteLength(f.text, 'utf8'))
    expect(body.count).toBe(body.frames.length)
    expect(body.ring).toMatchObject({ max_count: 10_000, max_bytes: 16 * 1024 * 1024 })
    expect(body.ring.count).toBeGreaterThanOrEqual(body.count)
  })

  it('answers the newest `limit` frames, oldest first', async () => {
    const all = (await frames('?limit=1000')).body.frames
    const { body } = await frames('?limit=2')
    expect(body.count).toBe(2)
    // newer frames may have come in between the two calls: the two are consecutive and at least as new
    expect(body.frames[0].received_at).toBeLessThanOrEqual(body.frames[1].received_at)
    expect(body.frames[1].received_at).toBeGreaterThanOrEqual(all[all.length - 1].received_at)
    // without a limit: 20
    const byDefault = (await frames('')).body
    expect(byDefault.count).toBe(Math.min(20, byDefault.ring.count))
  })

  it('refuses a bad limit with 400 bad_request', async () => {
    for (const q of ['?limit=0', '?limit=1001', '?limit=abc', '?limit=2.5']) {
      const { status, body } = await getJson<{ error: string; message: string }>(stack.port, `/debug/frames${q}`)
      expect(status, q).toBe(400)
      expect(body.error, q).toBe('bad_request')
      expect(body.message, q).toContain('limit')
    }
  })
})
