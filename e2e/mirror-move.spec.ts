// Browser mode, as `npm run serve` wires it (the host's mirror control and settings hook): changing
// the mirror port in Settings moves the mirror and the page follows it to the new port; turning the
// mirror off is refused with the reason.

import { test, expect } from '@playwright/test'
import type { Engine } from '../src/main/core/engine'
import { createMirrorToken, MIRROR_HOST, startMirror } from '../src/main/http'
import { hostHeadless, MIRROR_OFF_REFUSED, type HeadlessHost } from '../src/main/host/headless-host'
import { freePort } from '../tests/support/loopback'
import { startStack as startTestStack, type Stack } from '../tests/support/stack'
import { MonitorPage } from './pages/monitor-page'
import { RENDERER_DIR } from './support/stack'

let stack: Stack
let engine: Engine
let host: HeadlessHost

test.beforeEach(async () => {
  const notifications = { enabled: false, downThresholdS: 30 }
  stack = await startTestStack({
    simulator: { seed: 5, tradesPerSecond: 4 },
    engine: {
      fast: false,
      settings: { mirror: { enabled: true, host: MIRROR_HOST, port: await freePort() }, notifications },
      options: { mode: 'headless', version: 'e2e' }
    }
  })
  engine = stack.engine
  host = hostHeadless(engine, {
    start: startMirror,
    token: createMirrorToken(),
    staticDir: RENDERER_DIR,
    notifications
  })
  await host.mirror.apply(engine.settings().mirror)
})

test.afterEach(async () => {
  await host.close()
  await stack.close()
})

test('a new mirror port in Settings moves the mirror, and the page follows it there', async ({ page }) => {
  const monitor = new MonitorPage(page)
  const oldPort = engine.settings().mirror.port
  await monitor.open(`http://127.0.0.1:${oldPort}/`)
  await monitor.show('settings')
  const newPort = await freePort()
  await monitor.settings.mirrorPortInput.fill(String(newPort))
  await monitor.settings.applyButton.click()
  await expect(page).toHaveURL(`http://127.0.0.1:${newPort}/`)
  await expect(monitor.root).toHaveAttribute('data-ready', 'true')
  await expect(monitor.feedState).toHaveText('Feed live', { timeout: 20_000 })
})

test('turning the mirror off in Settings is refused with the reason', async ({ page }) => {
  const monitor = new MonitorPage(page)
  const port = engine.settings().mirror.port
  await monitor.open(`http://127.0.0.1:${port}/`)
  await monitor.show('settings')
  await monitor.settings.mirrorEnabled.uncheck()
  await monitor.settings.applyButton.click()
  await expect(monitor.settings.outcome).toContainText(MIRROR_OFF_REFUSED)
  expect(engine.settings().mirror.enabled).toBe(true)
  expect(page.url()).toBe(`http://127.0.0.1:${port}/`)
})
