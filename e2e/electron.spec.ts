// The desktop app itself, through Playwright's `_electron`: the smoke path against the simulator and
// the security settings, observed from the page and from the main process. The fixtures skip every
// test, with the reason, where there is no Electron binary (this machine: the download is blocked)
// or no display.

import { createServer, type AddressInfo } from 'node:net'
import type { Page } from '@playwright/test'
import { CALL_NAMES } from '../src/shared/contract'
import { electronTest as test, expect, quitApp } from './fixtures'
import { MonitorPage } from './pages/monitor-page'

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((done) => server.close(() => done()))
  return port
}

async function warnings(page: Page): Promise<string[]> {
  const logs = await page.evaluate(() => window.api?.getLogs({ limit: 500, level: 'WARNING' }))
  return logs?.entries.map((e) => e.message) ?? []
}

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
        return (await window.api?.getSettings())?.symbols
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
    // Errors cross the bridge as thrown errors with the engine's message.
    const message = await page.evaluate(() =>
      window.api?.getTrades({ limit: 0 }).then(
        () => 'resolved',
        (e: unknown) => (e instanceof Error ? e.message : String(e))
      )
    )
    expect(message).toMatch(/limit must be an integer between 1 and 1000/)
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
    const updated = await w1.evaluate(() => window.api?.updateSettings({ notifications: { downThresholdS: 77 } }))
    expect(updated?.notifications.downThresholdS).toBe(77)
    await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200)
    expect(await quitApp(first)).toBe(0)
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow()

    const second = await launch()
    const w2 = await second.firstWindow()
    await new MonitorPage(w2).waitReady(20_000)
    expect((await w2.evaluate(() => window.api?.getSettings()))?.notifications.downThresholdS).toBe(77)
  })
})
