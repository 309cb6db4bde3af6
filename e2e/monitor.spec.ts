// The monitor against the real engine and the simulator: what a trader sees when the feed runs,
// drops and recovers; the tape's exact prices, filters and pause; stats, charts and log presets.

import { expect, screenshot, test, until } from './fixtures'

test('the tape shows the simulator’s trades with their exact prices, sizes and sides', async ({ monitor, stack }) => {
  await monitor.show('tape')
  await expect(monitor.tapeRows.nth(5)).toBeVisible()
  await monitor.page.keyboard.press('Space') // freeze the rows while we read them
  await expect(monitor.pauseButton).toHaveAttribute('aria-pressed', 'true')
  const rows = await monitor.tapeSnapshot()
  expect(rows.length).toBeGreaterThanOrEqual(5)
  const sent = new Map(stack.sim.sent().map((t) => [t.tradeId, t]))
  for (const row of rows) {
    const truth = sent.get(row.tradeId)
    expect(truth, `trade ${row.tradeId} was sent by the simulator`).toBeDefined()
    expect(row.price).toBe(truth!.price)
    expect(row.shownPrice).toBe(truth!.price)
    expect(row.size).toBe(truth!.size)
    expect(row.side).toBe(truth!.side === 'Buy' ? 'BUY' : 'SELL')
  }
  // newest first, each trade once
  const order = rows.map((r) => stack.sim.sent().findIndex((t) => t.tradeId === r.tradeId))
  expect(new Set(order).size, `no trade shown twice: ${JSON.stringify(rows)}`).toBe(order.length)
  expect([...order].sort((a, b) => b - a)).toEqual(order)
  await monitor.page.keyboard.press('Space')
})

test('pause freezes the tape and counts new trades; resume shows them', async ({ monitor }) => {
  await monitor.show('tape')
  await expect(monitor.tapeRows.first()).toBeVisible()
  await monitor.pauseButton.click()
  await expect(monitor.page.getByTestId('tape-paused')).toBeVisible()
  const frozenTop = await monitor.tapeRows.first().getAttribute('data-trade-id')
  await expect(monitor.newBadge).toHaveText(/^[1-9][\d,]* new$/)
  expect(await monitor.tapeRows.first().getAttribute('data-trade-id')).toBe(frozenTop)
  await monitor.page.keyboard.press('p')
  await expect(monitor.newBadge).toBeHidden()
  await expect(monitor.tapeRows.first()).not.toHaveAttribute('data-trade-id', frozenTop ?? '')
})

test('the minimum-size filter hides smaller trades', async ({ monitor }) => {
  await monitor.show('tape')
  await monitor.minSize('0.01')
  // the painter applies the filter on its next frame: wait for a tape of only large-enough trades
  await expect
    .poll(
      async () => {
        const sizes = (await monitor.tapeSnapshot()).map((r) => Number(r.size))
        return sizes.length > 0 && sizes.every((s) => s >= 0.01)
      },
      { timeout: 15_000 }
    )
    .toBe(true)
  await monitor.minSize('')
  await expect.poll(async () => (await monitor.tapeSnapshot()).some((r) => Number(r.size) < 0.01)).toBe(true)
})

test('storage stats and charts update while trades flow', async ({ monitor }) => {
  await monitor.show('storage')
  const read = async (): Promise<number> => Number((await monitor.totalTrades.textContent())!.replace(/,/g, ''))
  const before = await read()
  await expect.poll(read).toBeGreaterThan(before)
  await expect(monitor.symbolRow('BTCUSDT')).toBeVisible()
  await expect(monitor.page.getByTestId('accounting')).toHaveAttribute('data-balanced', 'true')
  // a drawn line, not an empty path: the charts have at least two points
  const line = (chart: string) => monitor.page.getByTestId(chart).locator('path.recharts-line-curve').first()
  await expect(line('chart-rate')).toHaveAttribute('d', /^M[\d.]+,[\d.]+L/, { timeout: 15_000 })
  await expect(line('chart-rate')).toBeVisible()
  await expect(line('chart-latency')).toHaveAttribute('d', /^M[\d.]+,[\d.]+L/)
})

test('log presets filter like the guide’s grep commands', async ({ monitor }) => {
  await monitor.show('logs')
  await expect(monitor.logRows.first()).toBeVisible()
  const presets = [
    ['connection', /WebSocket|Connecting|connection|subscribed/],
    ['storage', /Storage|Stored trade|Total trades/],
    ['tradeFlow', /Stored trade|Total trades|trades/]
  ] as const
  for (const [id, re] of presets) {
    await monitor.preset(id).click()
    await expect(monitor.preset(id)).toHaveAttribute('aria-pressed', 'true')
    const lines = await monitor.logMessages()
    expect(lines.length, `${id} matches something`).toBeGreaterThan(0)
    for (const line of lines) expect(line).toMatch(re)
  }
  await monitor.preset('errors').click()
  const errorLines = await monitor.logMessages()
  for (const line of errorLines) expect(line).toMatch(/ERROR|WARNING/)
  await monitor.preset('errors').click() // off again
  await monitor.page.keyboard.press('/')
  await expect(monitor.page.getByTestId('log-search')).toBeFocused()
  await monitor.page.keyboard.type('Subscribing to')
  await expect(monitor.page.getByTestId('log-search')).toHaveValue('Subscribing to')
  // the list follows the last keystroke on its next render
  await expect
    .poll(async () => {
      const searched = await monitor.logMessages()
      return searched.length > 0 && searched.every((line) => line.includes('Subscribing to'))
    })
    .toBe(true)
})

test('the connection state changes visibly when the feed drops, and recovers', async ({ monitor, stack }) => {
  await monitor.show('connection')
  await expect(monitor.collectorState()).toHaveText('Connected')
  const reconnectsBefore = Number(await monitor.reconnectCount().textContent())
  stack.sim.faults.refuseConnections(true)
  stack.sim.faults.dropConnections()
  await expect(monitor.collectorState()).toHaveText(/Reconnecting|Connecting/)
  await expect(monitor.collectorState()).not.toHaveAttribute('data-tone', 'good')
  await expect(monitor.feedState).not.toHaveText('Feed live')
  await expect(monitor.collector().getByTestId('reconnect-countdown')).toHaveText(/in \d+\.\ds|now/)
  await expect(monitor.collector().getByTestId('last-error')).toBeVisible()
  await expect(monitor.lastErrorCode()).toHaveText('http_503')
  await expect(monitor.lastErrorCode()).toHaveAttribute(
    'title',
    'the server is down for maintenance or overloaded (503)'
  )
  // the health banner follows at once: never "Healthy" beside a collector that is down
  await expect(monitor.page.getByTestId('health-state')).not.toHaveText('Healthy', { timeout: 1_500 })
  await screenshot(monitor.page, 'connection-reconnecting-1280x800')
  stack.sim.faults.refuseConnections(false)
  await expect(monitor.collectorState()).toHaveText('Connected', { timeout: 20_000 })
  await expect(monitor.feedState).toHaveText('Feed live')
  expect(Number(await monitor.reconnectCount().textContent())).toBeGreaterThan(reconnectsBefore)
})

test('a settings change takes effect: a new symbol’s trades appear, and the tape filters by symbol', async ({
  monitor,
  stack
}) => {
  try {
    await monitor.show('settings')
    await monitor.symbolsInput.fill('BTCUSDT, ETHUSDT')
    await monitor.applyButton.click()
    await expect(monitor.page.getByTestId('settings-outcome')).toHaveText(/Applied/)
    await until(
      'ETHUSDT trades from the simulator',
      () => (stack.sim.sent().some((t) => t.symbol === 'ETHUSDT') ? true : undefined),
      20_000
    )
    await monitor.show('tape')
    await monitor.filterSymbol('ETHUSDT')
    await expect(monitor.tapeRows.first()).toHaveAttribute('data-symbol', 'ETHUSDT', { timeout: 15_000 })
    const rows = await monitor.tapeSnapshot()
    for (const r of rows) expect(r.symbol).toBe('ETHUSDT')
    const sent = new Map(stack.sim.sent().map((t) => [t.tradeId, t]))
    for (const r of rows) expect(r.price).toBe(sent.get(r.tradeId)?.price)
    await monitor.filterSymbol(null)
    await expect.poll(async () => new Set((await monitor.tapeSnapshot()).map((r) => r.symbol)).size).toBe(2)
    await screenshot(monitor.page, 'tape-two-symbols-1280x800')
  } finally {
    await stack.engine.handlers.updateSettings({ symbols: stack.initial.symbols })
  }
})

test('settings are validated inline before anything is sent', async ({ monitor }) => {
  await monitor.show('settings')
  await monitor.symbolsInput.fill('BTC-USDT')
  await expect(monitor.page.getByTestId('error-symbols')).toContainText('invalid symbol')
  await expect(monitor.applyButton).toBeDisabled()
  await monitor.page.getByTestId('settings-max-trades').fill('5')
  await expect(monitor.page.getByTestId('error-maxTrades')).toContainText('between 100 and')
  await screenshot(monitor.page, 'settings-invalid-1280x800')
  await monitor.page.getByTestId('settings-reset').click()
  await expect(monitor.page.getByTestId('error-symbols')).toBeHidden()
})

test('clear storage asks first, then empties the store', async ({ monitor }) => {
  await monitor.show('storage')
  await monitor.page.getByTestId('clear-storage').click()
  await expect(monitor.page.getByTestId('confirm-dialog')).toBeVisible()
  await monitor.page.getByTestId('confirm-cancel').click()
  await expect(monitor.page.getByTestId('confirm-dialog')).toBeHidden()
  await monitor.page.getByTestId('clear-storage').click()
  await monitor.page.getByTestId('confirm-ok').click()
  await expect(monitor.page.getByTestId('clear-result')).toBeVisible()
  await expect(monitor.page.getByTestId('accounting')).toHaveAttribute('data-balanced', 'true')
})
