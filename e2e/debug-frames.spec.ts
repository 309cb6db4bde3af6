// The Debug view's raw frames against the real stack: trade pushes from the simulator as sent, a
// malformed frame the collector could not parse shown verbatim and named, the whole frame on demand,
// and Pause holding the list while a user reads it.

import { expect, screenshot, test } from './fixtures'

test('raw frames: trade pushes and a malformed frame as sent, opened whole, held by Pause', async ({
  monitor,
  stack,
  page
}) => {
  const { debug } = monitor
  await debug.open()
  await expect(debug.frameRows.first()).toBeVisible({ timeout: 15_000 })
  await expect(debug.frameRows).toHaveCount(20)
  expect(await debug.kinds()).toContain('publicTrade.BTCUSDT · 1 trade')
  await expect(debug.framesRing).toContainText('GET /debug/frames?limit=1000')
  // more rows, so the frames below outlive the pause (8 trades/s push 20 out in 2.5 s)
  await debug.framesLimit.selectOption('50')
  await expect.poll(() => debug.frameRows.count(), { timeout: 15_000 }).toBe(50)

  const broken = '{"topic":"publicTrade.BTCUSDT","data":[{"broken"'
  stack.sim.sendRaw('spot', broken)
  try {
    const row = debug.frameWith('"broken"')
    await expect(row).toBeVisible({ timeout: 10_000 })
    await expect(row).toHaveAttribute('data-kind', 'malformed')
    await expect(row.getByTestId('raw-frame-kind')).toHaveText('not JSON')
    await expect(await debug.openFrame(row)).toHaveText(broken)

    // Pause holds the list on screen: no read starts, and the answer to a read already on its way
    // is dropped (the engine's answers are slowed here so one is always in flight at the click)
    await page.route('**/debug/frames*', async (route) => {
      await new Promise((r) => setTimeout(r, 700))
      await route.continue()
    })
    await debug.framesPause.click()
    await expect(debug.framesPause).toHaveText('Resume')
    await expect(debug.framesState).toHaveText('Paused: the list is held')
    const held = await debug.frameList()

    // a trade push opens indented, its values untouched
    const trade = debug.rowsOf('trades').first()
    const whole = await debug.openFrame(trade)
    await expect(whole).toContainText('"topic": "publicTrade.BTCUSDT"')
    await expect(whole).toContainText('"data": [')
    await screenshot(page, 'debug-raw-frames-1280x800')

    // paused: a frame sent now does not appear until Resume
    const marker = '{"note":"sent while paused"}'
    stack.sim.sendRaw('spot', marker)
    await page.waitForTimeout(2500) // longer than one poll (2 s): the list would have refreshed
    await expect(debug.frameWith('sent while paused')).toHaveCount(0)
    expect(await debug.frameList(), 'the list held by Pause').toEqual(held)
    await expect(whole, 'the opened frame stays open while paused').toBeVisible()
    await page.unroute('**/debug/frames*')
    await debug.framesPause.click()
    await expect(debug.frameWith('sent while paused')).toBeVisible({ timeout: 10_000 })
    await expect(debug.frameWith('sent while paused').getByTestId('raw-frame-kind')).toHaveText('unrecognised object')
    await debug.frames.getByRole('button', { name: 'Hide' }).click()
    await expect(debug.frames.getByTestId('raw-frame-text')).toHaveCount(0)
    // a long frame: the list previews its start, Show opens all of it
    const long = `{"note":"long frame","pad":"${'x'.repeat(5000)}"}`
    stack.sim.sendRaw('spot', long)
    const longRow = debug.frameWith('long frame')
    await expect(longRow).toBeVisible({ timeout: 10_000 })
    const shown = await longRow.getByTestId('raw-frame-preview').innerText()
    expect(shown.endsWith('…') && shown.length < 1000, 'the preview is cut').toBe(true)
    await expect(longRow.getByTestId('raw-frame-size')).toHaveText('4.9 KiB') // 5,030 bytes
    await expect(await debug.openFrame(longRow)).toContainText('x'.repeat(5000))
    await debug.frames.getByRole('button', { name: 'Hide' }).click()
    // what a proxy's error page looks like in the list
    stack.sim.sendRaw('spot', '<html><body>502 Bad Gateway</body></html>')
    await expect(debug.frameWith('502 Bad Gateway')).toBeVisible({ timeout: 10_000 })
    await debug.framesPause.click()
    await debug.frameWith('502 Bad Gateway').scrollIntoViewIfNeeded()
    await screenshot(page, 'debug-raw-frames-list-1280x800')
  } finally {
    // a fresh collector forgets the parse error, so later specs on this stack see a healthy checklist
    await stack.engine.handlers.restartCollector({ name: 'bybit_trades' })
  }
})
