// Part 5: the UI in Debian's Chromium (headless, browser mode): the engine and the mirror serving
// the built renderer in one child process, fed live by the simulator in another, and a probe in
// the page recording frame intervals, long tasks and tape receipt→painted latency.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { ensureRendererBuilt, rendererDir } from '../src/main/http/headless'
import type { EngineChildConfig } from './messages'
import { BenchChild } from './proc'
import { startSimulatorChild } from './proc'
import { percentile, max } from './stats'
import { COLLECT_REPORT, START_MEASURING, UI_PROBE_SOURCE, type UiProbeReport } from './ui-probe'

/** Headless Chromium paces animation frames at 60 Hz. */
const VSYNC_MS = 1000 / 60
const ROOT = join(__dirname, '..')
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
]

export interface UiOptions {
  seed: number
  symbols: string[]
  maxTradesPerSymbol: number
  durationMs: number
  warmupMs: number
  chromiumPath: string
  verbose: boolean
}

export interface UiResult {
  rate: number
  frames: number
  frameP50Ms: number | null
  frameP95Ms: number | null
  frameMaxMs: number | null
  /** Intervals longer than 1.5 vsync periods (a frame was skipped), in % of all intervals. */
  droppedFramesPct: number | null
  longTasks: number
  longTaskMaxMs: number | null
  longTaskTotalMs: number
  receiptToPaintedP95Ms: number | null
  receiptToPaintedSamples: number
  tradesReceived: number
  /** The tape's own work per frame (drain + paint, `__mdmTapeStats.frameWorkMs`): what the renderer controls. */
  tapeWorkP95Ms: number | null
  tapeWorkMaxMs: number | null
  tapeStats: unknown
}

function frameWork(tapeStats: unknown): number[] {
  const samples = (tapeStats as { frameWorkMs?: unknown } | null)?.frameWorkMs
  return Array.isArray(samples) ? samples.filter((x): x is number => typeof x === 'number') : []
}

/**
 * Makes the UI part runnable or throws why it cannot be: Chromium must be at `chromiumPath`, and the
 * renderer is built when missing, the way `npm run serve` builds it.
 */
export async function prepareUi(chromiumPath: string, say: (line: string) => void): Promise<void> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}: install it (apt-get install chromium) or pass --chromium PATH (or CHROMIUM_PATH)`
    )
  }
  if (!(await ensureRendererBuilt(ROOT, say))) {
    throw new Error(
      `the renderer is not built and building it failed (${join(rendererDir(ROOT), 'index.html')} missing after \`npx electron-vite build\`)`
    )
  }
}

/**
 * The simulator streaming `rate` trades/s over every symbol, Zipf-skewed by rank as a real board is
 * (a few hot symbols, a long quiet tail), in its own process.
 */
function startBoardSimulator(rate: number, opts: UiOptions): ReturnType<typeof startSimulatorChild> {
  return startSimulatorChild(
    `simulator (${opts.symbols.length} symbols, ${rate}/s)`,
    { symbols: opts.symbols, seed: opts.seed, replayFile: null, tradesPerSecond: 0, totalRate: rate, tickMs: 10 },
    { verbose: opts.verbose },
    60_000
  )
}

export async function uiRun(rate: number, opts: UiOptions): Promise<UiResult> {
  const sim = await startBoardSimulator(rate, opts)
  const config: EngineChildConfig = {
    mode: 'mirror',
    wsUrl: sim.wsUrl,
    restUrl: sim.restUrl,
    symbols: opts.symbols,
    expectTrades: 0,
    idleMs: 5000,
    maxTradesPerSymbol: opts.maxTradesPerSymbol,
    maxSymbols: Math.max(150, opts.symbols.length)
  }
  const engine = new BenchChild(`engine+mirror (${rate}/s)`, 'engine-client.ts', config, { verbose: opts.verbose })
  // Chromium's crashpad DB and caches go to a throwaway home, not ~/.config.
  const home = mkdtempSync(join(tmpdir(), 'mdm-bench-chromium-'))
  try {
    const { url } = await engine.expect('mirror', 60_000)
    const browser = await chromium.launch({
      executablePath: opts.chromiumPath,
      headless: true,
      args: CHROMIUM_ARGS,
      env: { ...process.env, XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache') }
    })
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
      await page.addInitScript({ content: UI_PROBE_SOURCE })
      await page.goto(`${url}/`)
      // The tape is where trades are painted at the feed's rate.
      await page.getByTestId('nav-tape').click()
      // Wait for tape rows: the app is live and the stream flows.
      try {
        await page.locator('[data-testid="tape-row"]').first().waitFor({ timeout: 30_000 })
      } catch (e) {
        const shot = join(tmpdir(), `mdm-bench-ui-${rate}.png`)
        await page.screenshot({ path: shot }).catch(() => undefined)
        throw new Error(`no tape row appeared within 30 s (screenshot: ${shot}): ${(e as Error).message}`, { cause: e })
      }
      await page.waitForTimeout(opts.warmupMs)
      await page.evaluate(START_MEASURING)
      await page.waitForTimeout(opts.durationMs)
      const report = (await page.evaluate(COLLECT_REPORT)) as UiProbeReport
      return {
        rate,
        frames: report.frames.length,
        frameP50Ms: percentile(report.frames, 50),
        frameP95Ms: percentile(report.frames, 95),
        frameMaxMs: max(report.frames),
        droppedFramesPct:
          report.frames.length > 0
            ? (report.frames.filter((f) => f > VSYNC_MS * 1.5).length / report.frames.length) * 100
            : null,
        longTasks: report.longTasks.length,
        longTaskMaxMs: max(report.longTasks),
        longTaskTotalMs: report.longTasks.reduce((a, b) => a + b, 0),
        receiptToPaintedP95Ms: percentile(report.receiptToPainted, 95),
        receiptToPaintedSamples: report.receiptToPainted.length,
        tradesReceived: report.tradesReceived,
        tapeWorkP95Ms: percentile(frameWork(report.tapeStats), 95),
        tapeWorkMaxMs: max(frameWork(report.tapeStats)),
        tapeStats: report.tapeStats
      }
    } finally {
      await browser.close()
    }
  } finally {
    await engine.stop()
    await sim.child.stop()
    rmSync(home, { recursive: true, force: true })
  }
}
