// Browser mode, as `npm run serve` wires it (the host's mirror control and settings hook): changing
// the mirror port in Settings moves the mirror and the page follows it to the new port; turning the
// mirror off is refused with the reason.

import { createServer } from 'node:net'
import { test, expect } from '@playwright/test'
import { createEngine, type Engine } from '../src/main/core/engine'
import { createMirrorToken, MIRROR_HOST, startMirror } from '../src/main/http'
import { hostHeadless, MIRROR_OFF_REFUSED, type HeadlessHost } from '../src/main/host/headless-host'
import { DEFAULT_SETTINGS, type Settings } from '../src/shared/settings'
import { startSimulator, type SimulatorHandle } from '../src/simulator'
import { MonitorPage } from './pages/monitor-page'
import { RENDERER_DIR } from './support/stack'

let sim: SimulatorHandle
let engine: Engine
let host: HeadlessHost

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, MIRROR_HOST, done))
  const { port } = server.address() as { port: number }
  await new Promise<void>((done) => server.close(() => done()))
  return port
}

test.beforeEach(async () => {
  sim = await startSimulator({ port: 0, seed: 5, tradesPerSecond: 4 })
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    wsUrl: sim.wsUrl('spot'),
    restUrl: sim.restUrl,
    mirror: { enabled: true, host: MIRROR_HOST, port: await freePort() },
    notifications: { enabled: false, downThresholdS: 30 }
  }
  engine = createEngine(settings, { mode: 'headless', version: 'e2e' })
  await engine.start()
  const token = createMirrorToken()
  host = hostHeadless(engine, {
    start: startMirror,
    token,
    staticDir: RENDERER_DIR,
    notifications: settings.notifications
  })
  await host.mirror.apply(settings.mirror)
})

test.afterEach(async () => {
  await host.close()
  await engine.stop()
  await sim.close()
})

test('a new mirror port in Settings moves the mirror, and the page follows it there', async ({ page }) => {
  const monitor = new MonitorPage(page)
  const oldPort = engine.settings().mirror.port
  await monitor.open(`http://127.0.0.1:${oldPort}/`)
  await monitor.show('settings')
  const newPort = await freePort()
  await page.getByTestId('settings-mirror-port').fill(String(newPort))
  await monitor.applyButton.click()
  await expect(page).toHaveURL(`http://127.0.0.1:${newPort}/`)
  await expect(monitor.root).toHaveAttribute('data-ready', 'true')
  await expect(monitor.feedState).toHaveText('Feed live', { timeout: 20_000 })
})

test('turning the mirror off in Settings is refused with the reason', async ({ page }) => {
  const monitor = new MonitorPage(page)
  const port = engine.settings().mirror.port
  await monitor.open(`http://127.0.0.1:${port}/`)
  await monitor.show('settings')
  await page.getByTestId('settings-mirror-enabled').uncheck()
  await monitor.applyButton.click()
  await expect(page.getByTestId('settings-outcome')).toContainText(MIRROR_OFF_REFUSED)
  expect(engine.settings().mirror.enabled).toBe(true)
  expect(page.url()).toBe(`http://127.0.0.1:${port}/`)
})
