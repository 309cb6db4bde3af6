// The Logs view's code filter against the real stack: malformed frames at the simulator fail the
// "parsed correctly" check, its link opens the Logs view filtered to `parse_error`, and the code
// select narrows or widens the list by code.

import { expect, screenshot, test } from './fixtures'

test('the parse-error link opens the logs filtered by code; the code select filters by any code', async ({
  monitor,
  stack
}) => {
  const { checklist: ck, logs } = monitor
  await ck.open()
  await expect.poll(() => ck.item('subscription_confirmed').status(), { timeout: 15_000 }).toBe('pass')
  stack.sim.sendRaw('spot', 'not json at all')
  stack.sim.sendRaw('spot', '{"topic":"publicTrade.BTCUSDT","data":[{"broken"')
  try {
    const parsed = ck.item('parsed_correctly')
    await expect.poll(() => parsed.status(), { timeout: 15_000 }).toBe('fail')
    // the likely cause opens by itself
    await expect(parsed.toggle).toHaveAttribute('aria-expanded', 'true')
    await expect(parsed.link).toHaveText('Open Logs: parse_error')
    await parsed.link.click()

    await expect(logs.root).toBeVisible()
    await expect(logs.code).toHaveValue('parse_error')
    await expect(logs.codeMeaning).toContainText('parse_error: a frame could not be parsed')
    // the two frames just sent are the newest lines; earlier specs on this stack may have left more
    await expect.poll(() => logs.rows.count()).toBeGreaterThanOrEqual(2)
    const codes = await logs.codes()
    expect(
      codes.every((c) => c === 'parse_error'),
      codes.join(', ')
    ).toBe(true)
    const messages = await logs.messages()
    expect(messages.every((m) => m.includes('Parse error: '))).toBe(true)
    const newest = messages.slice(0, 2).join('\n')
    expect(newest).toContain("Expected ':' after property name")
    expect(newest).toContain('"not json at all" is not valid JSON')

    // Any code: the rest of the log is back; a code nothing logged: an empty list.
    await logs.code.selectOption('')
    await expect.poll(async () => (await logs.codes()).length).toBeGreaterThan(codes.length)
    await logs.code.selectOption('record_failed')
    await expect(logs.rows).toHaveCount(0)
    await expect(logs.list).toContainText('No entries match these filters')
    await logs.code.selectOption('')
  } finally {
    // a fresh collector forgets the parse errors, so later specs on this stack see a healthy checklist
    await stack.engine.handlers.restartCollector({ name: 'bybit_trades' })
  }
})

test('Show log folder names where the log file is, or says there is none', async ({ monitor, page }) => {
  const { logs } = monitor
  await logs.open()
  // The browser cannot open a folder: the button shows the engine's answer. This stack's engine runs
  // without a data dir, as serve does with --no-persist.
  await expect(logs.logFolder).toHaveText('Show log folder')
  await logs.logFolder.click()
  await expect(logs.logFolderResult).toHaveText('No log file: this engine runs without a data dir (--no-persist)')
  await screenshot(page, 'logs-log-folder-1280x800')
})
