// The Electron IPC glue in plain Node: main's registration and event forwarding, the preload's client,
// over an in-memory ipcMain/ipcRenderer pair, backed by a real engine collecting from the simulator.

import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { API_CALLS, API_EVENTS, CALL_NAMES, EVENT_NAMES, type Api, type CallName } from '../../src/shared/contract'
import type { TradeDto } from '../../src/shared/dto'
import { forwardEngineEvents } from '../../src/main/ipc/forward-events'
import { registerApiHandlers } from '../../src/main/ipc/register-handlers'
import { createSenderCheck } from '../../src/main/ipc/sender-check'
import { exposeInMainWorld, pageApi } from './support/context-bridge'
import { createIpcBridge } from '../../src/preload/ipc-client'
import { InMemoryIpcMain, InMemoryWindow } from './support/in-memory-ipc'
import { failure } from './support/api-failure'
import { startLiveEngine, type LiveEngine } from './support/live-engine'
import { waitSubscribed } from '../support/stack'
import { waitFor } from '../support/wait-for'

const APP_URL = 'app://bundle/index.html'

let live: LiveEngine
let ipcMain: InMemoryIpcMain
let win: InMemoryWindow
let api: Api
let disposeHandlers: () => void

beforeAll(async () => {
  live = await startLiveEngine()
})
afterAll(async () => {
  await live?.close()
})

function setUp(): void {
  ipcMain = new InMemoryIpcMain()
  win = new InMemoryWindow(ipcMain, APP_URL)
  disposeHandlers = registerApiHandlers({
    ipcMain,
    handlers: live.engine.handlers,
    checkSender: createSenderCheck({ origin: 'app://bundle', webContents: () => win }),
    logger: live.engine.logger
  })
  api = pageApi(win.ipcRenderer)
}

describe('handler registration', () => {
  afterEach(() => disposeHandlers())

  test('registers exactly one handler per contract call, on its channel', () => {
    setUp()
    expect([...ipcMain.handlers.keys()].sort()).toEqual(CALL_NAMES.map((n) => API_CALLS[n].channel).sort())
    for (const channel of ipcMain.handlers.keys()) expect(channel).toMatch(/^mdm:[a-z]+:[a-z-]+$/)
  })

  test('every call answers through the preload client', async () => {
    setUp()
    const requests: { [K in CallName]?: unknown } = {
      getCollectorStatus: { name: 'bybit_trades' },
      reconnectCollector: { name: 'bybit_trades' },
      restartCollector: { name: 'bybit_trades' },
      getTrades: { limit: 5 },
      getLogs: { limit: 5 },
      updateSettings: { notifications: { downThresholdS: 45 } },
      setCollectionPaused: { paused: false },
      saveTradesExport: { format: 'csv' }
    }
    const call = (name: CallName, req: unknown): Promise<unknown> =>
      (api[name] as (r?: unknown) => Promise<unknown>)(req)
    for (const name of CALL_NAMES) {
      await expect(call(name, requests[name]), name).resolves.toBeTypeOf('object')
    }
    expect((await api.getSettings()).notifications.downThresholdS).toBe(45)
    // reconnect and restart ran for real: let the collector come back before the next test injects trades
    await waitSubscribed(live.engine)
  })

  test('a channel outside the contract is rejected', async () => {
    setUp()
    await expect(win.ipcRenderer.invoke('mdm:shell:open-external', 'https://evil.example')).rejects.toThrow(
      /No handler registered/
    )
    await expect(win.ipcRenderer.invoke('electron-store-get-data')).rejects.toThrow(/No handler registered/)
  })

  test('dispose removes every handler it registered', () => {
    setUp()
    disposeHandlers()
    expect(ipcMain.handlers.size).toBe(0)
  })
})

describe('sender checks', () => {
  afterEach(() => disposeHandlers())

  test('the app page in the main window is answered', async () => {
    setUp()
    expect((await api.getHealth()).collectors).toHaveProperty('bybit_trades')
  })

  test.each([
    ['a foreign origin', { url: 'https://evil.example/index.html', parent: null }, /https:\/\/evil\.example/],
    ['a look-alike host', { url: 'app://bundle.evil/index.html', parent: null }, /app:\/\/bundle\.evil/],
    ['a file:// page', { url: 'file:///etc/passwd', parent: null }, /not the app's own page/],
    ['a sub-frame of the app', { url: APP_URL, parent: { url: APP_URL, parent: null } }, /top-level/],
    ['a null frame (navigated or destroyed)', null, /frame is gone/]
  ])('%s is refused with forbidden', async (_what, frame, reason) => {
    setUp()
    win.senderFrame = frame
    for (const call of [() => api.getHealth(), () => api.getTrades({ limit: 1 }), () => api.clearStorage()]) {
      const err = await failure(call())
      expect(err.code).toBe('forbidden')
      expect(err.message).toMatch(reason)
    }
  })

  test('another window with the app origin is refused', async () => {
    setUp()
    const other = new InMemoryWindow(ipcMain, APP_URL)
    const err = await failure(pageApi(other.ipcRenderer).getSettings())
    expect(err.code).toBe('forbidden')
    expect(err.message).toMatch(/not the main window/)
  })
})

describe('error codes across the context bridge', () => {
  afterEach(() => disposeHandlers())

  test('the page gets ApiErrors with the engine’s codes, as over HTTP; the preload only ever resolves', async () => {
    setUp()
    const missing = await failure(api.getCollectorStatus({ name: 'nope' }))
    expect([missing.code, missing.message]).toEqual(['not_found', 'no collector named "nope"; known: bybit_trades'])
    expect((await failure(api.getTrades({ limit: 0 }))).code).toBe('bad_request')
    // What crosses is data: the structured reply, never a rejection that would keep only the message.
    const bridge = exposeInMainWorld(createIpcBridge(win.ipcRenderer))
    await expect(bridge.getCollectorStatus({ name: 'nope' })).resolves.toEqual({
      error: { code: 'not_found', message: 'no collector named "nope"; known: bybit_trades' }
    })
  })

  test('a call main no longer answers (handlers gone while quitting) is an ApiError "unavailable"', async () => {
    setUp()
    disposeHandlers()
    const gone = await failure(api.getCollectorsStatus())
    expect(gone.code).toBe('unavailable')
    expect(gone.message).toMatch(
      /^getCollectorsStatus: the main process did not answer \(Error invoking remote method '[^']+': Error: No handler registered/
    )
  })
})

describe('argument parsing', () => {
  afterEach(() => disposeHandlers())

  test.each([
    ['limit 0', { limit: 0 }, /limit must be an integer between 1 and 1000/],
    ['limit 1e9', { limit: 1e9 }, /limit must be an integer between 1 and 1000/],
    ['limit NaN', { limit: Number.NaN }, /limit must be an integer/],
    ['limit as text', { limit: 'abc' }, /limit must be an integer/],
    ['a bad symbol', { limit: 5, symbol: 'btc/usdt' }, /invalid symbol/]
  ])('getTrades with %s is a bad_request', async (_what, req, message) => {
    setUp()
    const err = await failure(api.getTrades(req as never))
    expect(err.code).toBe('bad_request')
    expect(err.message).toMatch(message)
  })

  test('non-object and extra arguments are refused before the engine sees them', async () => {
    setUp()
    for (const args of [['BTCUSDT'], [[1, 2]], [null], [{ limit: 1 }, { limit: 2 }]]) {
      const reply = await win.ipcRenderer.invoke(API_CALLS.getTrades.channel, ...args)
      expect(reply).toMatchObject({ error: { code: 'bad_request' } })
    }
  })

  test('a settings patch with an unknown key or a remote ws:// URL is refused', async () => {
    setUp()
    const before = await api.getSettings()
    expect((await failure(api.updateSettings({ evil: true } as never))).message).toMatch(/unknown setting "evil"/)
    expect((await failure(api.updateSettings({ wsUrl: 'ws://stream.example.com/v5' }))).code).toBe('bad_request')
    expect(await api.getSettings()).toEqual(before)
  })

  test('an engine error keeps its code: an unknown collector is not_found', async () => {
    setUp()
    const err = await failure(api.getCollectorStatus({ name: 'nope' }))
    expect(err.code).toBe('not_found')
  })
})

describe('event forwarding', () => {
  afterEach(() => disposeHandlers())

  test('engine trade batches reach a subscriber, without the IPC event object', async () => {
    setUp()
    const stopForwarding = forwardEngineEvents(live.engine, win)
    const batches: TradeDto[][] = []
    const unsubscribe = api.subscribe('trades', (batch) => batches.push(batch))
    const sent = live.sim.emitTrades('spot', 'BTCUSDT', 30, { perFrame: 3 })
    const ids = new Set(sent.map((t) => t.tradeId))
    await waitFor(
      () => {
        const seen = batches.flat().filter((t) => ids.has(t.trade_id))
        return seen.length === sent.length
      },
      { what: 'the injected trades as events', timeoutMs: 10_000 }
    )
    // Batched at the producer: fewer messages than trades, each a plain array of trades.
    expect(batches.length).toBeLessThan(sent.length)
    for (const batch of batches) expect(Array.isArray(batch)).toBe(true)
    const byId = new Map(batches.flat().map((t) => [t.trade_id, t]))
    for (const t of sent) expect(byId.get(t.tradeId)).toMatchObject({ price: t.price, quantity: t.size })
    unsubscribe()
    stopForwarding()
  })

  test('an unknown event name or a non-function listener is refused', () => {
    setUp()
    expect(() => api.subscribe('shell' as never, () => {})).toThrow(/unknown event/)
    expect(() => api.subscribe('trades', 'x' as never)).toThrow(/listener function/)
  })

  test('nothing is sent to a destroyed window, and dispose stops forwarding', async () => {
    setUp()
    const stopForwarding = forwardEngineEvents(live.engine, win)
    const other = new InMemoryWindow(ipcMain, APP_URL)
    const stopOther = forwardEngineEvents(live.engine, other)
    const received: TradeDto[] = []
    other.ipcRenderer.on(API_EVENTS.trades, (_e, batch) => received.push(...(batch as TradeDto[])))
    win.destroy()
    const sent = live.sim.emitTrades('spot', 'ETHUSDT', 5)
    // The live window gets them, so the engine did publish while `win` was destroyed.
    await waitFor(() => sent.every((t) => received.some((r) => r.trade_id === t.tradeId)), {
      what: 'the trades on the live window',
      timeoutMs: 10_000
    })
    expect(win.sentAfterDestroy).toEqual([])
    stopOther()
    stopForwarding()
  })

  test('no listener is left behind: unsubscribe and dispose release everything', async () => {
    setUp()
    const stopForwarding = forwardEngineEvents(live.engine, win)
    const unsubscribes = EVENT_NAMES.map((e) => api.subscribe(e, () => {}))
    expect(win.totalListeners()).toBe(EVENT_NAMES.length)
    for (const u of unsubscribes) {
      u()
      u() // idempotent
    }
    expect(win.totalListeners()).toBe(0)
    stopForwarding()

    // After dispose the engine's trades no longer reach this window at all.
    const probe = new InMemoryWindow(ipcMain, APP_URL)
    const stopProbe = forwardEngineEvents(live.engine, probe)
    const sends: string[] = []
    const originalSend = win.send.bind(win)
    win.send = (channel, payload) => {
      sends.push(channel)
      originalSend(channel, payload)
    }
    const probeTrades: TradeDto[] = []
    probe.ipcRenderer.on(API_EVENTS.trades, (_e, batch) => probeTrades.push(...(batch as TradeDto[])))
    const sent = live.sim.emitTrades('spot', 'BTCUSDT', 3)
    await waitFor(() => sent.every((t) => probeTrades.some((r) => r.trade_id === t.tradeId)), {
      what: 'the trades on the probe window',
      timeoutMs: 10_000
    })
    expect(sends).toEqual([])
    stopProbe()
  })
})
