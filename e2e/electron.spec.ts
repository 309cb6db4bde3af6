// The desktop app itself, through Playwright's `_electron`: the smoke path against the simulator and
// the security settings, observed from the page and from the main process. The fixtures skip every
// test, with the reason, where there is no Electron binary (this machine: the download is blocked)
// or no display.

import { existsSync, readFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { CALL_NAMES, type IpcReply } from '../src/shared/contract'
import { electronTest as test, expect, quitApp } from './fixtures'
import { MonitorPage } from './pages/monitor-page'

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((done) => server.close(() => done()))
  return port
}

/** `window.api` resolves every call with main's reply as data (codes survive the context bridge). */
function result<T>(reply: IpcReply<T> | undefined): T {
  if (reply === undefined || 'error' in reply) throw new Error(`call failed: ${JSON.stringify(reply)}`)
  return reply.result
}

async function messages(page: Page, level: 'INFO' | 'WARNING'): Promise<string[]> {
  const logs = result(await page.evaluate((lvl) => window.api?.getLogs({ limit: 500, level: lvl }), level))
  return logs.entries.map((e) => e.message)
}

const warnings = (page: Page): Promise<string[]> => messages(page, 'WARNING')

test.describe('desktop app (Electron)', () => {
  test('shows the connection view and the simulator’s trades with exact prices', async ({ monitor, page, sim }) => {
    expect(page.url()).toBe('app://bundle/index.html')
    await expect(monitor.runtime).toHaveText('electron')
    const { connection, tape } = monitor
    await expect(connection.root).toBeVisible()
    await expect(connection.endpoint()).toHaveText(sim.wsUrl('spot'))
    await expect(connection.subscription('publicTrade.BTCUSDT')).toHaveAttribute('data-state', 'subscribed', {
      timeout: 15_000
    })

    await tape.open()
    const row = tape.rows.first()
    await expect(row).toBeVisible({ timeout: 15_000 })
    const tradeId = await row.getAttribute('data-trade-id')
    const sent = sim.sent().find((t) => t.tradeId === tradeId)
    expect(sent, `trade ${tradeId} on the tape was sent by the simulator`).toBeDefined()
    await expect(tape.cell(row, 'price')).toHaveText(sent?.price ?? '')
    await expect(tape.cell(row, 'size')).toHaveText(sent?.size ?? '')
    await expect(row).toHaveAttribute('data-side', sent?.side.toUpperCase() ?? '')
  })

  test('the page has no Node, runs isolated and sandboxed, from app://', async ({ app, page }) => {
    const globals = await page.evaluate(() => [typeof require, typeof process, typeof module, typeof Buffer])
    expect(globals).toEqual(['undefined', 'undefined', 'undefined', 'undefined'])
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      // Undocumented in electron.d.ts but long-standing: the preferences the renderer actually got.
      const contents = BrowserWindow.getAllWindows()[0].webContents as unknown as {
        getLastWebPreferences(): Record<string, unknown> | null
      }
      const p = contents.getLastWebPreferences()
      return {
        contextIsolation: p?.contextIsolation,
        sandbox: p?.sandbox,
        nodeIntegration: p?.nodeIntegration,
        nodeIntegrationInSubFrames: p?.nodeIntegrationInSubFrames,
        webSecurity: p?.webSecurity,
        webviewTag: p?.webviewTag
      }
    })
    expect(prefs).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false
    })
    // Isolation: the page's globals are not the preload's; tampering with them cannot reach IPC.
    const tampered = await page.evaluate(async () => {
      const original = JSON.stringify
      JSON.stringify = () => '{"evil":true}'
      try {
        const reply = await window.api?.getSettings()
        return reply && 'result' in reply ? reply.result.symbols : reply
      } finally {
        JSON.stringify = original
      }
    })
    expect(tampered).toEqual(['BTCUSDT'])
  })

  test('window.api holds only the contract’s named functions', async ({ page }) => {
    const shape = await page.evaluate(() => {
      const api = window.api as unknown as Record<string, unknown>
      return Object.keys(api)
        .sort()
        .map((k) => [k, typeof api[k]])
    })
    const expected = [...CALL_NAMES.map((k) => [k, 'function']), ['subscribe', 'function'], ['transport', 'string']]
    expect(shape).toEqual(expected.sort((a, b) => a[0].localeCompare(b[0])))
    expect(await page.evaluate(() => window.api?.transport)).toBe('electron')
    expect(await page.evaluate(() => 'ipcRenderer' in window || 'electron' in window)).toBe(false)
    // A listener gets the payload only, never the IPC event.
    const firstArgs = await page.evaluate(
      () =>
        new Promise<string>((done) => {
          const off = window.api?.subscribe('status', (...args: unknown[]) => {
            off?.()
            done(JSON.stringify([args.length, Array.isArray(args[0])]))
          })
        })
    )
    expect(firstArgs).toBe('[1,true]')
    // Failures cross the bridge as data with their code (a rejection would keep only the message).
    expect(await page.evaluate(() => window.api?.getTrades({ limit: 0 }))).toEqual({
      error: { code: 'bad_request', message: expect.stringMatching(/limit must be an integer between 1 and 1000/) }
    })
    expect(await page.evaluate(() => window.api?.getCollectorStatus({ name: 'nope' }))).toEqual({
      error: { code: 'not_found', message: 'no collector named "nope"; known: bybit_trades' }
    })
  })

  test('window.open is denied and navigation away is blocked', async ({ app, page, monitor }) => {
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true)
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
    expect(app.windows()).toHaveLength(1)

    await page.evaluate(() => {
      location.href = 'https://example.com/'
    })
    await expect
      .poll(async () => (await warnings(page)).some((m) => m === 'Blocked navigation to https://example.com'))
      .toBe(true)
    // The main frame is blocked once, by will-navigate: will-frame-navigate leaves it alone.
    expect((await warnings(page)).filter((m) => m.startsWith('Blocked'))).toEqual([
      'Blocked navigation to https://example.com'
    ])
    expect(page.url()).toBe('app://bundle/index.html')
    await expect(monitor.root).toHaveAttribute('data-ready', 'true')
  })

  test('CSP stops inline script and permissions are denied', async ({ app, page }) => {
    const csp = await page.evaluate(
      () =>
        new Promise<{ ran: boolean; violated: string }>((done) => {
          document.addEventListener(
            'securitypolicyviolation',
            (e) => done({ ran: 'mdmInline' in window, violated: e.violatedDirective }),
            {
              once: true
            }
          )
          const script = document.createElement('script')
          script.textContent = 'window.mdmInline = true'
          document.head.appendChild(script)
        })
    )
    expect(csp.ran).toBe(false)
    expect(csp.violated).toMatch(/^script-src/)
    expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied')
    // The bundle protocol refuses traversal out of out/renderer.
    const statuses = await app.evaluate(async ({ net }) => {
      const urls = [
        'app://bundle/index.html',
        'app://bundle/%2e%2e/%2e%2e/package.json',
        'app://bundle/..%2f..%2fpackage.json'
      ]
      return Promise.all(urls.map(async (u) => (await net.fetch(u)).status))
    })
    expect(statuses).toEqual([200, 404, 404])
  })

  test('settings persist across restarts; quitting stops the mirror and exits cleanly', async ({ launch }) => {
    const port = await freePort()
    const first = await launch({ MDM_NO_MIRROR: '', MDM_PORT: String(port) })
    const w1 = await first.firstWindow()
    await new MonitorPage(w1).waitReady(20_000)
    const updated = result(
      await w1.evaluate(() => window.api?.updateSettings({ notifications: { downThresholdS: 77 } }))
    )
    expect(updated.notifications.downThresholdS).toBe(77)
    await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200)
    expect(await quitApp(first)).toBe(0)
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow()

    const second = await launch()
    const w2 = await second.firstWindow()
    await new MonitorPage(w2).waitReady(20_000)
    expect(result(await w2.evaluate(() => window.api?.getSettings())).notifications.downThresholdS).toBe(77)
  })

  test('closing the window keeps collecting in the tray (or quits, saying why, where there is no tray)', async ({
    launch
  }) => {
    const port = await freePort()
    const app = await launch({ MDM_NO_MIRROR: '', MDM_PORT: String(port) })
    const page = await app.firstWindow()
    await new MonitorPage(page).waitReady(20_000)
    await expect
      .poll(async () => (await messages(page, 'INFO')).some((m) => /^(Tray icon ready|No tray icon)/.test(m)))
      .toBe(true)
    const info = await messages(page, 'INFO')
    const hasTray = info.includes('Tray icon ready: closing the window keeps collecting')
    const exited = new Promise<number | null>((done) => app.process().once('exit', (code) => done(code)))
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].close())
    if (!hasTray) {
      // Linux without a StatusNotifier host: closing quits as it always did, and the log said why.
      expect(info.find((m) => m.startsWith('No tray icon: '))).toMatch(/closing the window quits the app$/)
      expect(await exited).toBe(0)
      return
    }
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible())))
      .toEqual([false])
    const processed = async (): Promise<number> =>
      (
        (await (await fetch(`http://127.0.0.1:${port}/collectors/status/bybit_trades`)).json()) as {
          trades_processed: number
        }
      ).trades_processed
    const before = await processed()
    await expect.poll(processed, { timeout: 15_000 }).toBeGreaterThan(before)
    expect(app.process().exitCode).toBeNull()
  })

  test('the window comes back with its size, position and maximized state', async ({ launch }) => {
    const first = await launch()
    await new MonitorPage(await first.firstWindow()).waitReady(20_000)
    await first.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0].setBounds({ x: 60, y: 40, width: 1100, height: 700 })
    )
    // Written after the debounce, and again when the window closes on quit.
    expect(await quitApp(first)).toBe(0)

    const second = await launch()
    await new MonitorPage(await second.firstWindow()).waitReady(20_000)
    const bounds = await second.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].getNormalBounds())
    expect({ width: bounds.width, height: bounds.height }).toEqual({ width: 1100, height: 700 })
    await second.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].maximize())
    expect(await quitApp(second)).toBe(0)

    const third = await launch()
    await new MonitorPage(await third.firstWindow()).waitReady(20_000)
    expect(await third.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].isMaximized())).toBe(true)
  })

  test('a UI that fails to load shows the window with an error page and the log folder', async ({ launch }) => {
    // The dev-server URL (honoured when unpackaged) on a port where nothing listens.
    const app = await launch({ ELECTRON_RENDERER_URL: `http://127.0.0.1:${await freePort()}/` })
    const page = await app.firstWindow()
    await expect(page.getByTestId('load-error')).toBeVisible({ timeout: 20_000 })
    const logs = await app.evaluate(({ app: electronApp }) => electronApp.getPath('logs'))
    await expect(page.getByTestId('log-folder')).toHaveText(logs)
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].isVisible())).toBe(true)
    // The folder it names holds the log, with the failure in it.
    const logFile = join(logs, 'market-data-monitor.log')
    await expect
      .poll(() => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''))
      .toMatch(/ - desktop - ERROR - The UI failed to load \(/)
  })
})
