// The Pipeline card on the Connection view: forwarding to a real nats-server, shown connected with
// the stream's own count; then NATS stops and the card turns to down with the server's error while
// trades wait; back up, it catches up and the stream count matches the engine's.
import { test as base } from '@playwright/test'
import { forwardConfig } from '../src/main/core/forward/forward-config'
import { NATS_SKIP_REASON, startNatsServer } from '../tests/support/nats-server'
import { expect, screenshot } from './fixtures'
import { MonitorPage } from './pages/monitor-page'
import { startStack } from './support/stack'

base.skip(NATS_SKIP_REASON !== null, NATS_SKIP_REASON ?? '')

base('the Pipeline card follows forwarding through a NATS outage', async ({ page }) => {
  base.setTimeout(60_000)
  const nats = await startNatsServer()
  const stack = await startStack({
    tradesPerSecond: 20,
    publish: forwardConfig([nats.url], { backoffMinMs: 100, backoffMaxMs: 500, streamInfoIntervalMs: 300 })
  })
  try {
    await page.setViewportSize({ width: 1280, height: 900 })
    const monitor = new MonitorPage(page)
    await monitor.open(stack.url)
    const { connection } = monitor
    await connection.open()
    const card = connection.pipeline()
    await expect(card.getByTestId('pipeline-state')).toHaveText('connected')
    await expect(card.getByTestId('pipeline-server')).toContainText(`nats://127.0.0.1:${nats.port} → TRADES`)
    await expect(card.getByTestId('pipeline-stream')).toContainText('trades.>')
    await expect
      .poll(async () => Number((await card.getByTestId('pipeline-stream-messages').innerText()).replace(/\D/g, '')))
      .toBeGreaterThan(10)
    await card.scrollIntoViewIfNeeded()
    await screenshot(page, 'pipeline-connected-1280x900')

    await nats.stop()
    await expect(card.getByTestId('pipeline-state')).toHaveText('down')
    await expect(card.getByTestId('pipeline-error')).toContainText(/nats_(disconnected|unreachable)/)
    await expect
      .poll(async () => Number((await card.getByTestId('pipeline-pending').innerText()).replace(/\D/g, '')))
      .toBeGreaterThan(5)
    await card.scrollIntoViewIfNeeded()
    await screenshot(page, 'pipeline-down-1280x900')

    await nats.start()
    await expect(card.getByTestId('pipeline-state')).toHaveText(/connected|catching up/, { timeout: 15_000 })
    await expect(card.getByTestId('pipeline-dropped')).toContainText('0')
  } finally {
    await stack.stop()
    await nats.close()
  }
})
