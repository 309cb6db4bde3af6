// The desktop app's plain-Node parts: the app:// path rules, the "feed down" decision, settings
// persistence over the real on-disk store (conf, what electron-store writes through) and the mirror
// following the settings (real engine, real mirror, a real busy port).

import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Conf from 'conf'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { CollectorStatus } from '../../src/shared/dto'
import { DEFAULT_SETTINGS } from '../../src/shared/settings'
import { startMirror } from '../../src/main/http/server'
import { createMirrorToken } from '../../src/main/http/security'
import { resolveBundlePath } from '../../src/main/electron/bundle-path'
import { FeedAlerts } from '../../src/shared/feed-alerts'
import { MirrorControl } from '../../src/main/electron/mirror-control'
import { loadSettings, saveSettings, settingsPatchFromEnv } from '../../src/main/electron/settings-persistence'
import { withSettingsHook } from '../../src/main/electron/settings-hook'
import { isSameOrigin } from '../../src/main/ipc/sender-check'
import { startLiveEngine, type LiveEngine } from './support/live-engine'
import { freePort, listenLoopback } from '../support/loopback'
import { waitFor } from '../support/wait-for'

describe('app://bundle paths', () => {
  const root = resolve('/srv/app/out/renderer')

  test.each([
    ['app://bundle/', 'index.html'],
    ['app://bundle/index.html', 'index.html'],
    ['app://bundle/assets/index-1.js', 'assets/index-1.js'],
    ['app://bundle/assets/a%20b.css', 'assets/a b.css']
  ])('%s is served from the bundle', (url, file) => {
    expect(resolveBundlePath(root, url)).toBe(join(root, file))
  })

  test.each([
    'app://bundle/..%2f..%2fpackage.json',
    'app://bundle/assets/%2e%2e%5c..%5cmain.js',
    'app://bundle/a%00.js',
    'app://bundle/%E0%A4%A',
    'app://evil/index.html',
    'file:///srv/app/out/renderer/index.html',
    'not a url'
  ])('%s is refused', (url) => {
    expect(resolveBundlePath(root, url)).toBeNull()
  })

  test('encoded dot segments are normalized by the URL parser and stay inside the bundle', () => {
    expect(resolveBundlePath(root, 'app://bundle/%2e%2e/%2e%2e/etc/passwd')).toBe(join(root, 'etc/passwd'))
    expect(resolveBundlePath(root, 'app://bundle/assets/../../../index.html')).toBe(join(root, 'index.html'))
  })

  test('origins compare scheme and host, not string prefixes', () => {
    expect(isSameOrigin('app://bundle/index.html#x', 'app://bundle')).toBe(true)
    expect(isSameOrigin('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true)
    expect(isSameOrigin('app://bundle.evil/index.html', 'app://bundle')).toBe(false)
    expect(isSameOrigin('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
    expect(isSameOrigin('https://example.com/', 'app://bundle')).toBe(false)
    expect(isSameOrigin('javascript:alert(1)', 'app://bundle')).toBe(false)
  })
})

describe('feed-down alerts', () => {
  const T0 = 1_800_000_000_000
  const status = (over: Partial<CollectorStatus>): CollectorStatus =>
    ({
      name: 'bybit_trades',
      status: 'connected',
      category: 'spot',
      symbols: ['BTCUSDT'],
      last_message_at: T0,
      connected_since: T0,
      last_error: null,
      ...over
    }) as CollectorStatus

  test('one alert once the feed has been down past the threshold, one when it is back', () => {
    const alerts = new FeedAlerts(30_000)
    expect(alerts.observe([status({})], T0)).toEqual([])
    const down = status({
      status: 'reconnecting',
      last_error: { code: 'ECONNREFUSED', message: 'connect refused', at: T0 }
    })
    expect(alerts.observe([down], T0 + 1_000)).toEqual([])
    expect(alerts.check(T0 + 30_000)).toEqual([])
    const [alert] = alerts.check(T0 + 31_000)
    expect(alert).toMatchObject({ kind: 'down', collector: 'bybit_trades' })
    expect(alert.body).toMatch(/reconnecting for 30 s\. Last error: connect refused/)
    // Still down: no repeat, however many status events arrive.
    expect(alerts.observe([down], T0 + 40_000)).toEqual([])
    expect(alerts.check(T0 + 90_000)).toEqual([])
    expect(alerts.observe([status({ last_message_at: T0 + 91_000 })], T0 + 91_000)).toMatchObject([
      { kind: 'recovered' }
    ])
    expect(alerts.check(T0 + 92_000)).toEqual([])
  })

  test('a connected feed with no messages past the threshold is silent', () => {
    const alerts = new FeedAlerts(30_000)
    alerts.observe([status({ last_message_at: T0 })], T0)
    expect(alerts.check(T0 + 29_000)).toEqual([])
    expect(alerts.check(T0 + 30_000)).toMatchObject([{ kind: 'down', title: 'Market data feed silent: bybit_trades' }])
  })

  test('a short blip, a stopped collector or a raised threshold alerts nothing', () => {
    const alerts = new FeedAlerts(30_000)
    alerts.observe([status({ status: 'reconnecting' })], T0)
    alerts.observe([status({ last_message_at: T0 + 5_000 })], T0 + 5_000)
    expect(alerts.check(T0 + 35_000 - 1)).toEqual([])
    alerts.observe([status({ status: 'stopped' })], T0 + 60_000)
    expect(alerts.check(T0 + 600_000)).toEqual([])
    alerts.setThreshold(120_000)
    alerts.observe([status({ status: 'connecting' })], T0 + 600_000)
    expect(alerts.check(T0 + 700_000)).toEqual([])
    expect(alerts.check(T0 + 720_000)).toHaveLength(1)
  })
})

describe('settings persistence', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mdm-settings-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })
  const open = (name: string): Conf => new Conf({ cwd: dir, configName: name, projectName: 'market-data-monitor' })

  test('nothing saved: the defaults (spot BTCUSDT on mainnet, mirror on at 8000)', () => {
    const warnings: string[] = []
    const settings = loadSettings(open('empty'), (m) => warnings.push(m))
    expect(settings).toEqual(DEFAULT_SETTINGS)
    expect(settings).toMatchObject({
      category: 'spot',
      symbols: ['BTCUSDT'],
      testnet: false,
      mirror: { enabled: true, port: 8000 }
    })
    expect(warnings).toEqual([])
  })

  test('saved settings come back from the file in a new store', () => {
    const changed = {
      ...DEFAULT_SETTINGS,
      symbols: ['ETHUSDT', 'SOLUSDT'],
      testnet: true,
      mirror: { ...DEFAULT_SETTINGS.mirror, port: 8123 }
    }
    saveSettings(open('roundtrip'), changed)
    expect(loadSettings(open('roundtrip'), () => {})).toEqual(changed)
  })

  test('an invalid saved file falls back to the defaults, with a warning', async () => {
    await writeFile(
      join(dir, 'bad.json'),
      JSON.stringify({ settings: { symbols: ['no/pe'], mirror: { host: '0.0.0.0' } } })
    )
    const warnings: string[] = []
    expect(loadSettings(open('bad'), (m) => warnings.push(m))).toEqual(DEFAULT_SETTINGS)
    expect(warnings).toEqual([expect.stringMatching(/^Saved settings are invalid \(invalid symbol/)])
  })

  test('MDM_* variables become a validated patch; remote ws:// is refused', () => {
    const patch = settingsPatchFromEnv({
      MDM_WS_URL: 'ws://127.0.0.1:9100/v5/public/spot',
      MDM_SYMBOLS: 'btcusdt,ethusdt',
      MDM_NO_MIRROR: '1'
    })
    expect(patch).toEqual({
      ok: true,
      value: {
        wsUrl: 'ws://127.0.0.1:9100/v5/public/spot',
        symbols: ['BTCUSDT', 'ETHUSDT'],
        mirror: { enabled: false }
      }
    })
    expect(settingsPatchFromEnv({ MDM_WS_URL: 'ws://stream.example.com/v5' }).ok).toBe(false)
    expect(settingsPatchFromEnv({})).toEqual({ ok: true, value: {} })
  })
})

describe('the mirror follows the settings', () => {
  let live: LiveEngine
  let blocker: Server
  let busyPort: number
  beforeAll(async () => {
    live = await startLiveEngine()
    blocker = createServer()
    busyPort = await listenLoopback(blocker)
  })
  afterAll(async () => {
    await new Promise<void>((done) => blocker.close(() => done()))
    await live?.close()
  })

  test('a settings change is persisted and restarts the mirror; a busy port is a status, not a crash', async () => {
    const saved: unknown[] = []
    const engine = withSettingsHook(live.engine, (settings) => {
      saved.push(settings)
      void control.apply(settings.mirror)
    })
    const control = new MirrorControl({ engine, start: startMirror, token: createMirrorToken(), staticDir: null })
    const runtime = (): ReturnType<typeof engine.handlers.getRuntime> => engine.handlers.getRuntime()

    // The engine under test starts with the mirror off; the UI turns it on, on a port someone holds.
    await engine.handlers.updateSettings({ mirror: { enabled: true, port: busyPort } })
    await waitFor(async () => (await runtime()).mirror.state === 'port_busy', {
      what: 'the busy port reported',
      timeoutMs: 10_000,
      intervalMs: 25
    })
    expect((await runtime()).mirror).toMatchObject({ port: busyPort, error: expect.stringMatching(/busy/) })
    expect((await engine.handlers.getHealth()).collectors.bybit_trades.status).toBe('connected')

    const free = await freePort()
    const updated = await engine.handlers.updateSettings({ mirror: { port: free } })
    expect(saved).toHaveLength(2)
    expect(saved[1]).toEqual(updated)
    await waitFor(async () => (await runtime()).mirror.state === 'listening', {
      what: 'the mirror on the new port',
      timeoutMs: 10_000,
      intervalMs: 25
    })
    expect((await fetch(`http://127.0.0.1:${free}/health`)).status).toBe(200)

    await engine.handlers.updateSettings({ mirror: { enabled: false } })
    await waitFor(async () => (await runtime()).mirror.state === 'off', {
      what: 'the mirror to be off',
      timeoutMs: 10_000,
      intervalMs: 25
    })
    await expect(fetch(`http://127.0.0.1:${free}/health`)).rejects.toThrow()
    await control.close()
  })
})
