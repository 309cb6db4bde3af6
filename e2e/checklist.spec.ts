// The checklist view against the real stack: a stage broken at the simulator (subscribe refused)
// shows up as the failing item with the exchange's reply, "Reconnect now" recovers it once the
// fault is gone, and diagnostics, the port check, the report export and the links work.

import type { Locator, Page } from '@playwright/test'
import { expect, screenshot, test } from './fixtures'

/** Locators of the checklist view, in one place. */
class ChecklistPage {
  constructor(readonly page: Page) {}
  async open(): Promise<void> {
    await this.page.getByTestId('nav-checklist').click()
    await expect(this.page.getByTestId('view-checklist')).toBeVisible()
  }
  item(id: string): Locator {
    return this.page.getByTestId(`check-${id}`)
  }
  get summary(): Locator {
    return this.page.getByTestId('checklist-summary')
  }
  get recoveryResult(): Locator {
    return this.page.getByTestId('recovery-result')
  }
  button(testId: string): Locator {
    return this.page.getByTestId(testId)
  }
}

test('a refused subscription fails its item with the exchange reply; Reconnect now recovers it', async ({
  monitor,
  stack,
  context
}) => {
  const page = monitor.page
  const ck = new ChecklistPage(page)
  await ck.open()
  await expect(ck.summary).toContainText('All 10 checks pass', { timeout: 15_000 })
  for (const id of ['connected', 'subscription_confirmed', 'trades_created', 'retrievable_via_api'])
    await expect(ck.item(id)).toHaveAttribute('data-status', 'pass')
  await screenshot(page, 'checklist-healthy-1280x800')

  // Break the subscribe stage at the exchange, then reconnect so the collector asks again.
  stack.sim.faults.rejectSubscribe('BTCUSDT')
  try {
    await ck.button('recovery-reconnect').click()
    await expect(ck.recoveryResult).toContainText('Collector bybit_trades: reconnecting now')
    const sub = ck.item('subscription_confirmed')
    await expect(sub).toHaveAttribute('data-status', 'fail', { timeout: 15_000 })
    await expect(sub.getByTestId('check-evidence')).toContainText(
      'publicTrade.BTCUSDT refused by the exchange: "error:handler not found,topic:publicTrade.BTCUSDT"'
    )
    await expect(sub.getByTestId('check-fix')).toContainText('handler not found')
    await expect(ck.summary).toContainText('Likely cause: "Subscription confirmed" fails')
    await expect(ck.item('connected')).toHaveAttribute('data-status', 'pass')
    await expect(ck.item('messages_received')).toHaveAttribute('data-status', 'pass')
    await expect(ck.item('trades_created')).toHaveAttribute('data-status', 'skipped')
    await expect(ck.item('trades_created')).toContainText('blocked by "Subscription confirmed"')
    await screenshot(page, 'checklist-subscribe-refused-1280x800')
  } finally {
    stack.sim.faults.acceptSubscribe('BTCUSDT')
  }

  // Recover: the fault is gone; Reconnect now subscribes again and trades flow to the API.
  await ck.button('recovery-reconnect').click()
  await expect(ck.item('subscription_confirmed')).toHaveAttribute('data-status', 'pass', { timeout: 15_000 })
  await expect(ck.summary).toContainText('All 10 checks pass', { timeout: 15_000 })

  // Network diagnostics against the simulator: every step passes, no TLS on ws://.
  await ck.button('run-diagnostics').click()
  await expect(page.getByTestId('diag-ping')).toHaveAttribute('data-status', 'pass', { timeout: 15_000 })
  await expect(page.getByTestId('diag-tls')).toHaveAttribute('data-status', 'skipped')
  await expect(page.getByTestId('diag-subscribe')).toContainText('"success":true')

  // The mirror port is ours.
  await ck.button('recovery-check-port').click()
  await expect(ck.recoveryResult).toContainText("held by this app's mirror")

  // Copy the diagnostics report.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.url })
  await ck.button('copy-report').click()
  await expect(page.getByTestId('diagnostics-note')).toContainText(/Report copied|report downloaded/)
  const note = await page.getByTestId('diagnostics-note').textContent()
  if (note?.includes('copied')) {
    const text = await page.evaluate(() => navigator.clipboard.readText())
    expect(text).toMatch(/^# Market Data Monitor — diagnostics report/)
    expect(text).toContain('All steps pass')
    expect(text).not.toContain(stack.token)
  }
  await screenshot(page, 'checklist-diagnostics-1280x800')

  // Links go to the view that helps: parse errors → Logs, searched for them.
  const parsed = ck.item('parsed_correctly')
  await parsed.getByTestId('check-toggle').click()
  await parsed.getByTestId('check-link').click()
  await expect(page.getByTestId('view-logs')).toBeVisible()
})

test('the resources panel charts CPU, memory and event-loop delay live', async ({ monitor }) => {
  const ck = new ChecklistPage(monitor.page)
  await ck.open()
  await expect(monitor.page.getByTestId('res-rss')).toContainText(/MB|MiB|GB|GiB/)
  await expect(monitor.page.getByTestId('res-chart-memory')).toBeVisible({ timeout: 15_000 })
  await expect(monitor.page.getByTestId('res-chart-delay').locator('.recharts-line').first()).toBeVisible()
  await screenshot(monitor.page, 'checklist-resources-1280x800')
})
