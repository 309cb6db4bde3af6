// One suite, both transports: the preload's client over IPC (in-memory pair, main's real glue) and the
// renderer's HTTP client over real HTTP to the mirror. Both talk to one real engine collecting from the
// simulator on loopback, so "same contract" means the same answers to the same calls.

import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Api } from '../../src/shared/contract'
import type { TradeDto } from '../../src/shared/dto'
import { forwardEngineEvents } from '../../src/main/ipc/forward-events'
import { registerApiHandlers } from '../../src/main/ipc/register-handlers'
import { createSenderCheck } from '../../src/main/ipc/sender-check'
import { pageApi } from './support/context-bridge'
import { createHttpApi } from '../../src/renderer/src/api/http-api'
import { InMemoryIpcMain, InMemoryWindow } from './support/in-memory-ipc'
import { failure } from './support/api-failure'
import { startLiveEngine, SYMBOLS, type LiveEngine } from './support/live-engine'
import { waitFor } from '../support/wait-for'

type TransportName = 'ipc' | 'http'

let live: LiveEngine
const disposers: (() => void)[] = []
const transports = new Map<TransportName, Api>()

beforeAll(async () => {
  live = await startLiveEngine({ mirror: true })
  const mirror = live.mirror!
  if (!mirror.url) throw new Error(`the mirror did not start: ${mirror.status.error}`)
  transports.set('http', createHttpApi(mirror.url, live.token))

  const ipcMain = new InMemoryIpcMain()
  const win = new InMemoryWindow(ipcMain, 'app://bundle/index.html')
  disposers.push(
    registerApiHandlers({
      ipcMain,
      handlers: live.engine.handlers,
      checkSender: createSenderCheck({ origin: 'app://bundle', webContents: () => win }),
      logger: live.engine.logger
    }),
    forwardEngineEvents(live.engine, win)
  )
  transports.set('ipc', pageApi(win.ipcRenderer))
})

afterAll(async () => {
  for (const dispose of disposers.splice(0)) dispose()
  await live?.close()
})

function api(name: TransportName): Api {
  const found = transports.get(name)
  if (!found) throw new Error(`transport ${name} is not set up`)
  return found
}

describe.each<TransportName>(['ipc', 'http'])('the contract over %s', (name) => {
  test('health names the collector and its storage', async () => {
    const health = await api(name).getHealth()
    expect(['healthy', 'degraded', 'unhealthy']).toContain(health.status)
    expect(health.collectors.bybit_trades).toMatchObject({ status: 'connected', is_active: true })
    expect(health.storage.balanced).toBe(true)
  })

  test('status reports the simulator endpoint and confirmed subscriptions', async () => {
    const status = await api(name).getCollectorStatus({ name: 'bybit_trades' })
    expect(status).toMatchObject({ name: 'bybit_trades', status: 'connected', url: live.sim.wsUrl('spot') })
    expect(status.subscriptions.map((s) => [s.symbol, s.state])).toEqual(SYMBOLS.map((s) => [s, 'subscribed']))
    expect(Object.keys(await api(name).getCollectorsStatus())).toEqual(['bybit_trades'])
  })

  test('trades come back newest first with the exact decimal strings the exchange sent', async () => {
    const sent = live.sim.emitTrades('spot', 'BTCUSDT', 8, { perFrame: 4 })
    const trades = await waitFor(
      async () => {
        const res = await api(name).getTrades({ limit: 8, symbol: 'BTCUSDT' })
        return res.trades[0]?.trade_id === sent.at(-1)?.tradeId ? res : null
      },
      { what: 'the injected trades in storage', timeoutMs: 10_000, intervalMs: 25 }
    )
    expect(trades.count).toBe(8)
    expect(trades.trades.map((t) => [t.trade_id, t.price, t.quantity, t.side, t.symbol])).toEqual(
      [...sent].reverse().map((t) => [t.tradeId, t.price, t.size, t.side.toUpperCase(), 'BTCUSDT'])
    )
  })

  test('a bad limit is a bad_request naming the bound', async () => {
    for (const limit of [0, 1001, 'abc']) {
      const err = await failure(api(name).getTrades({ limit } as never))
      expect(err.code).toBe('bad_request')
      expect(err.message).toMatch(/limit must be an integer between 1 and 1000/)
    }
  })

  test('an unknown collector is not_found', async () => {
    const err = await failure(api(name).getCollectorStatus({ name: 'nope' }))
    expect(err.code).toBe('not_found')
    expect(err.message).toMatch(/nope/)
  })

  test('a settings change is applied and read back', async () => {
    const threshold = name === 'ipc' ? 40 : 50
    const updated = await api(name).updateSettings({ notifications: { downThresholdS: threshold } })
    expect(updated.notifications.downThresholdS).toBe(threshold)
    expect(await api(name).getSettings()).toEqual(updated)
    expect((await failure(api(name).updateSettings({ symbols: ['no/pe'] }))).code).toBe('bad_request')
  })

  test('trade events arrive in batches, and unsubscribe stops them', async () => {
    const first: TradeDto[] = []
    const second: TradeDto[] = []
    const stopFirst = api(name).subscribe('trades', (batch) => first.push(...batch))
    const stopSecond = api(name).subscribe('trades', (batch) => second.push(...batch))
    const has = (seen: TradeDto[], ids: string[]): boolean => ids.every((id) => seen.some((t) => t.trade_id === id))
    try {
      // Over HTTP the event stream opens asynchronously: keep injecting until one batch gets through.
      const initial = await waitFor(
        () => {
          const ids = live.sim.emitTrades('spot', 'ETHUSDT', 2).map((t) => t.tradeId)
          return first.length > 0 ? ids : null
        },
        { what: 'the first trade event', timeoutMs: 10_000, intervalMs: 200 }
      )
      await waitFor(() => has(first, initial) && has(second, initial), {
        what: 'both listeners to get the same trades',
        timeoutMs: 10_000
      })
      stopFirst()
      stopFirst() // idempotent
      const seenBefore = first.length
      const later = live.sim.emitTrades('spot', 'ETHUSDT', 3).map((t) => t.tradeId)
      // The listener still subscribed gets them, so they were delivered after the unsubscribe.
      await waitFor(() => has(second, later), { what: 'the later trades on the remaining listener', timeoutMs: 10_000 })
      expect(first.length).toBe(seenBefore)
      expect(has(first, later)).toBe(false)
    } finally {
      stopFirst()
      stopSecond()
    }
  })
})

describe('both transports', () => {
  test('give the same answers to the same calls', async () => {
    const ipc = api('ipc')
    const http = api('http')
    // No trades arrive unless injected, so storage is the same for both reads.
    expect(await ipc.getTrades({ limit: 50 })).toEqual(await http.getTrades({ limit: 50 }))
    expect(await ipc.getSettings()).toEqual(await http.getSettings())
    expect(await ipc.getGaps()).toEqual(await http.getGaps())
    const [a, b] = await Promise.all([
      failure(ipc.getCollectorStatus({ name: 'nope' })),
      failure(http.getCollectorStatus({ name: 'nope' }))
    ])
    expect([a.code, a.message]).toEqual([b.code, b.message])
    const [c, d] = await Promise.all([failure(ipc.getTrades({ limit: 0 })), failure(http.getTrades({ limit: 0 }))])
    expect([c.code, c.message]).toEqual([d.code, d.message])
  })
})
