// `GET /debug/logs?code=` over real HTTP: only entries with that code, combined with the level
// filter; a code that is not in the shared list is a 400 with the `bad_request` code.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LogsResponse } from '../../src/shared/dto'
import { LOG_CODES } from '../../src/shared/log-codes'
import { waitSubscribed } from '../support/stack'
import { waitFor } from '../support/wait-for'
import { startMirrorStack, type MirrorStack } from './stack'
import { getJson } from './support'

let stack: MirrorStack

beforeAll(async () => {
  stack = await startMirrorStack({ settings: { symbols: ['BTCUSDT', 'NOPEUSDT'] } })
  await waitSubscribed(stack.engine, ['BTCUSDT'])
  stack.sim.sendRaw('spot', 'not json at all')
  stack.sim.sendRaw('spot', '{"topic":"publicTrade.BTCUSDT","data":[{"broken"')
  await waitFor(() => stack.engine.log.recent(2000).filter((e) => e.code === 'parse_error').length === 2, {
    what: 'two parse errors logged'
  })
})
afterAll(() => stack?.close())

const logs = (query: string) => getJson<LogsResponse>(stack.port, `/debug/logs?${query}`)

describe('/debug/logs?code=', () => {
  it('returns only the entries with that code', async () => {
    const { status, body } = await logs('code=parse_error&limit=2000')
    expect(status).toBe(200)
    expect(body.count).toBe(2)
    expect(body.entries.map((e) => [e.code, e.level, e.message.slice(0, 13)])).toEqual([
      ['parse_error', 'WARNING', 'Parse error: '],
      ['parse_error', 'WARNING', 'Parse error: ']
    ])
    const refused = await logs('code=subscribe_failed')
    expect(refused.body.entries.map((e) => e.message)).toEqual([
      expect.stringContaining('publicTrade.NOPEUSDT') as string
    ])
    // the unfiltered log holds other codes too
    const all = await logs('limit=2000')
    expect(new Set(all.body.entries.map((e) => e.code)).size).toBeGreaterThan(1)
  })

  it('combines with the level filter and the limit', async () => {
    expect((await logs('code=parse_error&level=ERROR')).body).toEqual({ count: 0, entries: [] })
    expect((await logs('code=parse_error&level=warning')).body.count).toBe(2)
    const both = await logs('code=parse_error')
    const newest = await logs('code=parse_error&limit=1')
    expect(newest.body.entries).toEqual([both.body.entries[1]])
    // a listed code nobody logged: an empty answer, not an error
    expect((await logs('code=record_failed')).body).toEqual({ count: 0, entries: [] })
    expect((await logs('code=')).body.count).toBeGreaterThan(2)
  })

  it('refuses a code that is not in the shared list with 400 bad_request', async () => {
    expect(LOG_CODES).not.toContain('Parse error')
    for (const code of ['parse_eror', 'Parse%20error', 'PARSE_ERROR']) {
      const { status, body } = await getJson<{ error: string; message: string }>(stack.port, `/debug/logs?code=${code}`)
      expect(status, code).toBe(400)
      expect(body).toEqual({
        error: 'bad_request',
        message: 'code must be a log code listed in docs/error-codes.md, e.g. parse_error'
      })
    }
  })
})
