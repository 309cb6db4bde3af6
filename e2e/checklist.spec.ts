// The checklist view against the real stack: a stage broken at the simulator (subscribe refused)
// shows up as the failing item with the exchange's reply, "Reconnect now" recovers it once the
// fault is gone, and diagnostics, the port check, the report export and the links work.

import { expect, screenshot, test } from './fixtures'

test('a refused subscription fails its item with the exchange reply; Reconnect now recovers it', async ({
  monitor,
  stack,
  context
}) => {
  const page = monitor.page
  const ck = monitor.checklist
  await ck.open()
  await expect(ck.summary).toContainText('All 10 checks pass', { timeout: 15_000 })
  for (const id of ['connected', 'subscription_confirmed', 'trades_created', 'retrievable_via_api'] as const)
    await expect.poll(() => ck.item(id).status()).toBe('pass')
  await screenshot(page, 'checklist-healthy-1280x800')

  // Break the subscribe stage at the exchange, then reconnect so the collector asks again.
  stack.sim.faults.rejectSubscribe('BTCUSDT')
  try {
    await ck.recovery('reconnect').click()
    await expect(ck.recoveryResult).toContainText('Collector bybit_trades: reconnecting now')
    const sub = ck.item('subscription_confirmed')
    await expect.poll(() => sub.status(), { timeout: 15_000 }).toBe('fail')
    await expect(sub.evidence).toContainText(
      'publicTrade.BTCUSDT refused by the exchange: "error:handler not found,topic:publicTrade.BTCUSDT"'
    )
    await expect(sub.fix).toContainText('handler not found')
    await expect(ck.summary).toContainText('Likely cause: "Subscription confirmed" fails')
    await expect.poll(() => ck.item('connected').status()).toBe('pass')
    await expect.poll(() => ck.item('messages_received').status()).toBe('pass')
    await expect.poll(() => ck.item('trades_created').status()).toBe('skipped')
    await expect(ck.item('trades_created').root).toContainText('blocked by "Subscription confirmed"')
    await screenshot(page, 'checklist-subscribe-refused-1280x800')
  } finally {
    stack.sim.faults.acceptSubscribe('BTCUSDT')
  }

  // Recover: the fault is gone; Reconnect now subscribes again and trades flow to the API.
  await ck.recovery('reconnect').click()
  await expect.poll(() => ck.item('subscription_confirmed').status(), { timeout: 15_000 }).toBe('pass')
  await expect(ck.summary).toContainText('All 10 checks pass', { timeout: 15_000 })

  // Network diagnostics against the simulator: every step passes, no TLS on ws://.
  await ck.runDiagnosticsButton.click()
  await expect(ck.diagnosticsStep('ping')).toHaveAttribute('data-status', 'pass', { timeout: 15_000 })
  await expect(ck.diagnosticsStep('tls')).toHaveAttribute('data-status', 'skipped')
  await expect(ck.diagnosticsStep('subscribe')).toContainText('"success":true')

  // The mirror port is ours.
  await ck.recovery('check-port').click()
  await expect(ck.recoveryResult).toContainText("held by this app's mirror")

  // Copy the diagnostics report.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.url })
  await ck.copyReportButton.click()
  await expect(ck.diagnosticsNote).toContainText(/Report copied|report downloaded/)
  const note = await ck.diagnosticsNote.textContent()
  if (note?.includes('copied')) {
    const text = await page.evaluate(() => navigator.clipboard.readText())
    expect(text).toMatch(/^# Market Data Monitor — diagnostics report/)
    expect(text).toContain('All steps pass')
    expect(text).not.toContain(stack.token)
  }
  await screenshot(page, 'checklist-diagnostics-1280x800')

  // Links go to the view that helps: parse errors → Logs, searched for them.
  const parsed = ck.item('parsed_correctly')
  await parsed.toggle.click()
  await parsed.link.click()
  await expect(monitor.logs.root).toBeVisible()
})

test('the resources panel charts CPU, memory and event-loop delay live', async ({ monitor }) => {
  const ck = monitor.checklist
  await ck.open()
  await expect(ck.resource('rss')).toContainText(/MB|MiB|GB|GiB/)
  await expect(ck.resourceChart('memory')).toBeVisible({ timeout: 15_000 })
  await expect(ck.resourceChartLine('delay')).toBeVisible()
  await screenshot(monitor.page, 'checklist-resources-1280x800')
})
