// The Logs view's code filter against the real stack: malformed frames at the simulator fail the
// "parsed correctly" check, its link opens the Logs view filtered to `parse_error`, and the code
// select narrows or widens the list by code.

import { expect, test } from './fixtures'

test('the parse-error link opens the logs filtered by code; the code select filters by any code', async ({
  monitor,
  stack
}) => {
  const page = monitor.page
  await page.getByTestId('nav-checklist').click()
  await expect(page.getByTestId('check-subscription_confirmed')).toHaveAttribute('data-status', 'pass', {
    timeout: 15_000
  })
  stack.sim.sendRaw('spot', 'not json at all')
  stack.sim.sendRaw('spot', '{"topic":"publicTrade.BTCUSDT","data":[{"broken"')
  try {
    const parsed = page.getByTestId('check-parsed_correctly')
    await expect(parsed).toHaveAttribute('data-status', 'fail', { timeout: 15_000 })
    // the likely cause opens by itself
    await expect(parsed.getByTestId('check-toggle')).toHaveAttribute('aria-expanded', 'true')
    await expect(parsed.getByTestId('check-link')).toHaveText('Open Logs: parse_error')
    await parsed.getByTestId('check-link').click()

    await expect(page.getByTestId('view-logs')).toBeVisible()
    await expect(monitor.logCode).toHaveValue('parse_error')
    await expect(monitor.logCodeMeaning).toContainText('parse_error: a frame could not be parsed')
    await expect(monitor.logRows).toHaveCount(2)
    expect(await monitor.logRowCodes()).toEqual(['parse_error', 'parse_error'])
    expect((await monitor.logMessages()).every((m) => m.includes('Parse error: '))).toBe(true)

    // Any code: the rest of the log is back; another code: only its entries.
    await monitor.logCode.selectOption('')
    await expect.poll(async () => (await monitor.logRowCodes()).length).toBeGreaterThan(2)
    await monitor.logCode.selectOption('record_failed')
    await expect(monitor.logRows).toHaveCount(0)
    await expect(page.getByTestId('log-list')).toContainText('No entries match these filters')
    await monitor.logCode.selectOption('')
  } finally {
    // a fresh collector forgets the parse errors, so later specs on this stack see a healthy checklist
    await stack.engine.handlers.restartCollector({ name: 'bybit_trades' })
  }
})
