// The Storage view's exact per-symbol sums against the trades the engine holds, summed here with
// decimal.js (independently of the engine's scaled-integer sums), plus screenshots to look at.

import Decimal from 'decimal.js'
import type { TradeDto, TradesResponse } from '../src/shared/dto'
import { expect, screenshot, test } from './fixtures'

const N = 40

test('the per-symbol table shows buy/sell volume, notional and VWAP equal to exact sums of the held trades', async ({
  monitor,
  page,
  stack
}) => {
  await monitor.show('storage')
  // a quiet feed and an empty storage, then exactly N known trades
  stack.sim.faults.pauseTrades(true)
  try {
    await stack.engine.handlers.clearStorage()
    stack.sim.emitTrades('spot', 'BTCUSDT', N, { perFrame: 4 })
    const row = page.locator('[data-testid="sums-row"][data-symbol="BTCUSDT"]')
    await expect(row.getByTestId('sums-held-trades')).toHaveText(String(N))
    const res = await fetch(`${stack.url}/collectors/trades?symbol=BTCUSDT&limit=${N + 1}`)
    const { trades } = (await res.json()) as TradesResponse
    expect(trades).toHaveLength(N)

    const volume = (side: TradeDto['side']): Decimal =>
      trades.filter((t) => t.side === side).reduce((a, t) => a.plus(t.quantity), new Decimal(0))
    const notional = trades.reduce((a, t) => a.plus(new Decimal(t.price).times(t.quantity)), new Decimal(0))
    for (const w of ['held', 'last_minute']) {
      await expect(row.getByTestId(`sums-${w}-buy_volume`)).toHaveAttribute('data-exact', volume('BUY').toFixed())
      await expect(row.getByTestId(`sums-${w}-sell_volume`)).toHaveAttribute('data-exact', volume('SELL').toFixed())
      await expect(row.getByTestId(`sums-${w}-notional`)).toHaveAttribute('data-exact', notional.toFixed())
    }
    // every digit in the tooltip; the cell itself rounded to 2 places and grouped
    const cell = row.getByTestId('sums-held-notional')
    await expect(cell).toHaveAttribute('title', notional.toFixed())
    const [whole, frac] = notional.toFixed(2, Decimal.ROUND_HALF_UP).split('.')
    await expect(cell).toHaveText(`${whole.replace(/\B(?=(\d{3})+$)/g, ',')}.${frac}`)

    await screenshot(page, 'storage-sums-1280x800')
    await page.setViewportSize({ width: 1920, height: 1080 })
    await screenshot(page, 'storage-sums-1920x1080')
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.getByTestId('theme-toggle').click()
    await screenshot(page, 'storage-sums-light-1280x800')
    await page.getByTestId('theme-toggle').click()
  } finally {
    stack.sim.faults.pauseTrades(false)
    await page.setViewportSize({ width: 1280, height: 800 })
  }
})
