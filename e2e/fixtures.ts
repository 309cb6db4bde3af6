// Playwright fixtures, for both projects.
// - renderer: one product stack per worker, and a monitor page opened on it that has waited for the
//   app's first snapshot (`data-ready="true"`) instead of sleeping. Browser errors fail the test.
// - electron: the desktop app launched against a simulator with a temp user-data dir, quit through
//   its own path with a time limit. Where there is no Electron binary (the download is blocked on
//   this machine) or no display, every test that needs the app is skipped with the reason.

import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { _electron as electron, test as base, expect, type ElectronApplication, type Page } from '@playwright/test'
import { startSimulator, type SimulatorHandle } from '../src/simulator'
import { MonitorPage } from './pages/monitor-page'
import { startStack, type Stack } from './support/stack'

export const SCREENSHOT_DIR = resolve(__dirname, '../test-results/screenshots')
const REPO = resolve(__dirname, '..')

// ---------------------------------------------------------------- renderer (Chromium + mirror)

interface WorkerFixtures {
  stack: Stack
}
interface TestFixtures {
  monitor: MonitorPage
  consoleErrors: string[]
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  stack: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
    async ({}, use) => {
      const stack = await startStack()
      await use(stack)
      await stack.stop()
    },
    { scope: 'worker', timeout: 30_000 }
  ],
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = []
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`))
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()}`)
    })
    await use(errors)
  },
  monitor: async ({ page, stack, consoleErrors }, use) => {
    const monitor = new MonitorPage(page)
    await monitor.open(stack.url)
    await use(monitor)
    // errors the app should never log (a failed request while a fault is injected is logged by the browser: allowed)
    expect(consoleErrors.filter((e) => !/Failed to load resource|ERR_/.test(e))).toEqual([])
  }
})

// ---------------------------------------------------------------- electron (the desktop app)

/**
 * Where the Electron executable is, decided without `require('electron')`: that call starts a binary
 * download (blocked here) and throws. Returns the path, or why there is none (the skip message).
 */
function findElectronBinary(): { path: string } | { path: null; reason: string } {
  const override = process.env.ELECTRON_EXEC_PATH
  if (override) {
    return existsSync(override)
      ? { path: override }
      : { path: null, reason: `ELECTRON_EXEC_PATH=${override} does not exist` }
  }
  let pkgDir: string
  try {
    pkgDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return { path: null, reason: 'npm package "electron" is not installed' }
  }
  const pathTxt = join(pkgDir, 'path.txt')
  if (!existsSync(pathTxt)) {
    return {
      path: null,
      reason:
        `Electron binary absent (${pathTxt} missing; the binary download from GitHub is blocked here). ` +
        'Set ELECTRON_EXEC_PATH or run "npx install-electron" where GitHub is reachable.'
    }
  }
  const bin = join(pkgDir, 'dist', readFileSync(pathTxt, 'utf8').trim())
  return existsSync(bin) ? { path: bin } : { path: null, reason: `Electron binary absent: ${bin} not found` }
}

/** Linux needs a display server for a window (run under `xvfb-run` on a headless machine). */
function displayMissing(): string | null {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return null
  return 'no display: run the Electron specs under xvfb-run (DISPLAY and WAYLAND_DISPLAY are unset)'
}

interface ElectronFixtures {
  /** The Electron executable; the test is skipped, with the reason, when there is none or no display. */
  electronPath: string
  sim: SimulatorHandle
  userDataDir: string
  /** Launches the app against `sim` (more `MDM_*` settings in `env`); every launched app is quit after the test. */
  launch: (env?: Record<string, string>) => Promise<ElectronApplication>
  app: ElectronApplication
  /** The app's window, after the app's first snapshot. */
  page: Page
  monitor: MonitorPage
}

export const electronTest = base.extend<ElectronFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from the pattern
  electronPath: async ({}, use, testInfo) => {
    const binary = findElectronBinary()
    if (binary.path === null) return testInfo.skip(true, binary.reason)
    const noDisplay = displayMissing()
    if (noDisplay !== null) return testInfo.skip(true, noDisplay)
    if (!existsSync(join(REPO, 'out/main/index.js')))
      throw new Error('run `npx electron-vite build` first (out/ is missing)')
    await use(binary.path)
  },
  // eslint-disable-next-line no-empty-pattern
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
  launch: async ({ electronPath, sim, userDataDir }, use) => {
    const launched: ElectronApplication[] = []
    await use(async (env = {}) => {
      const app = await launchApp(electronPath, {
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
    for (const app of launched) await quitApp(app)
  },
  app: async ({ launch }, use) => {
    await use(await launch())
  },
  page: async ({ app }, use) => {
    const page = await app.firstWindow()
    await new MonitorPage(page).waitReady(20_000)
    await use(page)
  },
  monitor: async ({ page }, use) => {
    await use(new MonitorPage(page))
  }
})

async function launchApp(executablePath: string, env: Record<string, string>): Promise<ElectronApplication> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] =>
        e[1] !== undefined && !['ELECTRON_RENDERER_URL', 'ELECTRON_RUN_AS_NODE'].includes(e[0])
    )
  )
  // Chromium refuses to run as root with its OS sandbox; the renderer sandbox (webPreferences) stays on.
  const args = process.getuid?.() === 0 ? [REPO, '--no-sandbox'] : [REPO]
  return electron.launch({ executablePath, args, cwd: REPO, env: { ...inherited, ...env } })
}

/** Quits through the app's own path (engine and mirror stopped), with a time limit; resolves the exit code. */
export async function quitApp(app: ElectronApplication): Promise<number | null> {
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

// ---------------------------------------------------------------- helpers

export { expect }

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`) })
}

/** Polls `fn` until it returns a value (not undefined) or the deadline passes. */
export async function until<T>(
  what: string,
  fn: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = await fn()
    if (v !== undefined) return v
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}
