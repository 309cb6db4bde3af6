// The desktop app itself, through Playwright's `_electron`: the smoke path against the simulator and
// the security settings, observed from the page and from the main process. Skips, with the reason,
// where there is no Electron binary (this machine: the download is blocked) or no display.

import { createServer, type AddressInfo } from 'node:net'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron as electron, expect, test as base, type ElectronApplication, type Page } from '@playwright/test'
import { CALL_NAMES } from '../src/shared/contract'
import { startSimulator, type SimulatorHandle } from '../src/simulator'
import { displayMissing, findElectronBinary } from './support/electron-binary'

const REPO = resolve(__dirname, '..')
const binary = findElectronBinary()
const noDisplay = displayMissing()

interface Fixtures {
  sim: SimulatorHandle
  userDataDir: string
  launch: (env?: Record<string, string>) => Promise<ElectronApplication>
  app: ElectronApplication
  page: Page
}

const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from the pattern
  sim: async ({}, use) => {
    const sim = await startSimulator({ port: 0, tradesPerSecond: 5, seed: 7 })
    await use(sim)
    await sim.close()
  },
  // eslint-disable-next-line no-empty-pattern
  userDataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'mdm-electron-'))
    await use(dir)
    await rm(dir, { recursive: true, force: true })
  },
  launch: async ({ sim, userDataDir }, use) => {
    const launched: ElectronApplication[] = []
    await use(async (env = {}) => {
      const app = await launchApp({
        MDM_USER_DATA_DIR: userDataDir,
        MDM_WS_URL: sim.wsUrl('spot'),
        MDM_REST_URL: sim.restUrl,
        MDM_SYMBOLS: 'BTCUSDT',
        MDM_NO_MIRROR: '1',
        ...env
      })
      launched.push(app)
      return app
    })
    for (const app of launched) await quit(app)
  },
  app: async ({ launch }, use) => {
    await use(await launch())
  },
  page: async ({ app }, use) => {
    const page = await app.firstWindow()
    await expect(page.getByTestId('app-root')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 })
    await use(page)
  }
})

async function launchApp(env: Record<string, string>): Promise<ElectronApplication> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] =>
        e[1] !== undefined && !['ELECTRON_RENDERER_URL', 'ELECTRON_RUN_AS_NODE'].includes(e[0])
    )
  )
  // Chromium refuses to run as root with its OS sandbox; the renderer sandbox (webPreferences) stays on.
  const args = process.getuid?.() === 0 ? [REPO, '--no-sandbox'] : [REPO]
  return electron.launch({ executablePath: binary.path ?? undefined, args, cwd: REPO, env: { ...inherited, ...env } })
}

/** Quits through the app's own path (engine and mirror stopped), with a time limit; resolves the exit code. */
async function quit(app: ElectronApplication): Promise<number | null> {
  const proc = app.process()
  if (proc.exitCode !== null) return proc.exitCode
  const exited = new Promise<number | null>((done) => proc.once('exit', (code) => done(code)))
  let timer: NodeJS.Timeout | undefined
  const limit = new Promise<'timeout'>((done) => (timer = setTimeout(() => done('timeout'), 15_000)))
  await app.close().catch(() => {})
  const result = await Promise.race([exited, limit])
  clearTimeout(timer)
  if (result === 'timeout') {
    proc.kill('SIGKILL')
    throw new Error('the app did not exit within 15 s of quitting')
  }
  return result
}

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
  test.skip(!binary.path, binary.reason)
  test.skip(noDisplay !== null, noDisplay ?? '')
  test.beforeAll(() => {
    if (!existsSync(join(REPO, 'out/main/index.js')))
      throw new Error('run `npx electron-vite build` first (out/ is missing)')
  })

  test('shows the connection view and the simulator’s trades with exact prices', async ({ page, sim }) => {
    expect(page.url()).toBe('app://bundle/index.html')
    await expect(page.getByTestId('runtime')).toHaveText('electron')
    await expect(page.getByTestId('view-connection')).toBeVisible()
    const collector = page.getByTestId('collector-bybit_trades')
    await expect(collector.getByTestId('collector-endpoint')).toHaveText(sim.wsUrl('spot'))
    await expect(
      collector.locator('[data-testid="subscription-row"][data-topic="publicTrade.BTCUSDT"]')
    ).toHaveAttribute('data-state', 'subscribed', { timeout: 15_000 })

    await page.getByTestId('nav-tape').click()
    await expect(page.getByTestId('view-tape')).toBeVisible()
    const row = page.locator('[data-testid="tape-row"]:not([hidden])').first()
    await expect(row).toBeVisible({ timeout: 15_000 })
    const tradeId = await row.getAttribute('data-trade-id')
    const sent = sim.sent().find((t) => t.tradeId === tradeId)
    expect(sent, `trade ${tradeId} on the tape was sent by the simulator`).toBeDefined()
    await expect(row.locator('.c-price')).toHaveText(sent?.price ?? '')
    await expect(row.locator('.c-size')).toHaveText(sent?.size ?? '')
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

  test('window.open is denied and navigation away is blocked', async ({ app, page }) => {
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
    await expect(page.getByTestId('app-root')).toHaveAttribute('data-ready', 'true')
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
    await expect(w1.getByTestId('app-root')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 })
    const updated = await w1.evaluate(() => window.api?.updateSettings({ notifications: { downThresholdS: 77 } }))
    expect(updated?.notifications.downThresholdS).toBe(77)
    await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200)
    expect(await quit(first)).toBe(0)
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow()

    const second = await launch()
    const w2 = await second.firstWindow()
    await expect(w2.getByTestId('app-root')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 })
    expect((await w2.evaluate(() => window.api?.getSettings()))?.notifications.downThresholdS).toBe(77)
  })
})
