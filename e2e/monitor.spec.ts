// The monitor against the real engine and the simulator: what a trader sees when the feed runs,
// drops and recovers; the tape's exact prices, filters and pause; stats, charts and log presets.

import { expect, screenshot, test, until } from './fixtures'

test('the tape shows the simulator’s trades with their exact prices, sizes and sides', async ({ monitor, stack }) => {
  const { tape } = monitor
  await tape.open()
  await expect(tape.rows.nth(5)).toBeVisible()
  await monitor.page.keyboard.press('Space') // freeze the rows while we read them
  await expect(tape.pauseButton).toHaveAttribute('aria-pressed', 'true')
  const rows = await tape.snapshot()
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
  const { tape } = monitor
  await tape.open()
  await expect(tape.rows.first()).toBeVisible()
  await tape.pauseButton.click()
  await expect(tape.pausedNote).toBeVisible()
  const frozenTop = await tape.rows.first().getAttribute('data-trade-id')
  await expect(tape.newBadge).toHaveText(/^[1-9][\d,]* new$/)
  expect(await tape.rows.first().getAttribute('data-trade-id')).toBe(frozenTop)
  await monitor.page.keyboard.press('p')
  await expect(tape.newBadge).toBeHidden()
  await expect(tape.rows.first()).not.toHaveAttribute('data-trade-id', frozenTop ?? '')
})

test('the minimum-size filter hides smaller trades', async ({ monitor }) => {
  const { tape } = monitor
  await tape.open()
  await tape.minSize('0.01')
  // the painter applies the filter on its next frame: wait for a tape of only large-enough trades
  await expect
    .poll(
      async () => {
        const sizes = (await tape.snapshot()).map((r) => Number(r.size))
        return sizes.length > 0 && sizes.every((s) => s >= 0.01)
      },
      { timeout: 15_000 }
    )
    .toBe(true)
  await tape.minSize('')
  await expect.poll(async () => (await tape.snapshot()).some((r) => Number(r.size) < 0.01)).toBe(true)
})

test('storage stats and charts update while trades flow', async ({ monitor }) => {
  const { storage } = monitor
  await storage.open()
  const before = await storage.readTotalTrades()
  await expect.poll(() => storage.readTotalTrades()).toBeGreaterThan(before)
  await expect(storage.symbolRow('BTCUSDT')).toBeVisible()
  await expect(storage.accounting).toHaveAttribute('data-balanced', 'true')
  // a drawn line, not an empty path: the charts have at least two points
  await expect(storage.chartLine('rate')).toHaveAttribute('d', /^M[\d.]+,[\d.]+L/, { timeout: 15_000 })
  await expect(storage.chartLine('rate')).toBeVisible()
  await expect(storage.chartLine('latency')).toHaveAttribute('d', /^M[\d.]+,[\d.]+L/)
})

test('log presets filter like the guide’s grep commands', async ({ monitor }) => {
  const { logs } = monitor
  await logs.open()
  await expect(logs.rows.first()).toBeVisible()
  const presets = [
    ['connection', /WebSocket|Connecting|connection|subscribed/],
    ['storage', /Storage|Stored trade|Total trades/],
    ['tradeFlow', /Stored trade|Total trades|trades/]
  ] as const
  for (const [id, re] of presets) {
    await logs.preset(id).click()
    await expect(logs.preset(id)).toHaveAttribute('aria-pressed', 'true')
    const lines = await logs.messages()
    expect(lines.length, `${id} matches something`).toBeGreaterThan(0)
    for (const line of lines) expect(line).toMatch(re)
  }
  await logs.preset('errors').click()
  const errorLines = await logs.messages()
  for (const line of errorLines) expect(line).toMatch(/ERROR|WARNING/)
  await logs.preset('errors').click() // off again
  await monitor.page.keyboard.press('/')
  await expect(logs.search).toBeFocused()
  await monitor.page.keyboard.type('Subscribing to')
  await expect(logs.search).toHaveValue('Subscribing to')
  // the list follows the last keystroke on its next render
  await expect
    .poll(async () => {
      const searched = await logs.messages()
      return searched.length > 0 && searched.every((line) => line.includes('Subscribing to'))
    })
    .toBe(true)
})

test('the connection state changes visibly when the feed drops, and recovers', async ({ monitor, stack }) => {
  const { connection } = monitor
  await connection.open()
  await expect(connection.collectorState()).toHaveText('Connected')
  const reconnectsBefore = Number(await connection.reconnectCount().textContent())
  stack.sim.faults.refuseConnections(true)
  stack.sim.faults.dropConnections()
  await expect(connection.collectorState()).toHaveText(/Reconnecting|Connecting/)
  await expect(connection.collectorState()).not.toHaveAttribute('data-tone', 'good')
  await expect(monitor.feedState).not.toHaveText('Feed live')
  await expect(connection.reconnectCountdown()).toHaveText(/in \d+\.\ds|now/)
  await expect(connection.lastError()).toBeVisible()
  await expect(connection.lastErrorCode()).toHaveText('http_503')
  await expect(connection.lastErrorCode()).toHaveAttribute(
    'title',
    'the server is down for maintenance or overloaded (503)'
  )
  // the health banner follows at once: never "Healthy" beside a collector that is down
  await expect(connection.healthState).not.toHaveText('Healthy', { timeout: 1_500 })
  await screenshot(monitor.page, 'connection-reconnecting-1280x800')
  stack.sim.faults.refuseConnections(false)
  await expect(connection.collectorState()).toHaveText('Connected', { timeout: 20_000 })
  await expect(monitor.feedState).toHaveText('Feed live')
  expect(Number(await connection.reconnectCount().textContent())).toBeGreaterThan(reconnectsBefore)
})

test('a settings change takes effect: a new symbol’s trades appear, and the tape filters by symbol', async ({
  monitor,
  stack
}) => {
  const { settings, tape } = monitor
  try {
    await settings.open()
    await settings.symbolsInput.fill('BTCUSDT, ETHUSDT')
    await settings.applyButton.click()
    await expect(settings.outcome).toHaveText(/Applied/)
    await until(
      'ETHUSDT trades from the simulator',
      () => (stack.sim.sent().some((t) => t.symbol === 'ETHUSDT') ? true : undefined),
      20_000
    )
    await tape.open()
    await tape.filterSymbol('ETHUSDT')
    await expect(tape.rows.first()).toHaveAttribute('data-symbol', 'ETHUSDT', { timeout: 15_000 })
    const rows = await tape.snapshot()
    for (const r of rows) expect(r.symbol).toBe('ETHUSDT')
    const sent = new Map(stack.sim.sent().map((t) => [t.tradeId, t]))
    for (const r of rows) expect(r.price).toBe(sent.get(r.tradeId)?.price)
    await tape.filterSymbol(null)
    await expect.poll(async () => new Set((await tape.snapshot()).map((r) => r.symbol)).size).toBe(2)
    await screenshot(monitor.page, 'tape-two-symbols-1280x800')
  } finally {
    await stack.engine.handlers.updateSettings({ symbols: stack.initial.symbols })
  }
})

test('settings are validated inline before anything is sent', async ({ monitor }) => {
  const { settings } = monitor
  await settings.open()
  await settings.symbolsInput.fill('BTC-USDT')
  await expect(settings.error('symbols')).toContainText('invalid symbol')
  await expect(settings.applyButton).toBeDisabled()
  await settings.maxTradesInput.fill('5')
  await expect(settings.error('maxTrades')).toContainText('between 100 and')
  await screenshot(monitor.page, 'settings-invalid-1280x800')
  await settings.resetButton.click()
  await expect(settings.error('symbols')).toBeHidden()
})

test('clear storage asks first, then empties the store', async ({ monitor }) => {
  const { storage } = monitor
  await storage.open()
  const dialog = await storage.askToClear()
  await expect(dialog.root).toBeVisible()
  await dialog.cancelButton.click()
  await expect(dialog.root).toBeHidden()
  await (await storage.askToClear()).okButton.click()
  await expect(storage.clearResult).toBeVisible()
  await expect(storage.accounting).toHaveAttribute('data-balanced', 'true')
})
