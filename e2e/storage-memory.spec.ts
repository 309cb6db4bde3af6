// The Storage view's memory line: what the held trades take against the memory budget, as the
// engine reports it, and the per-symbol evicted column; with a screenshot to look at.

import type { StorageStats } from '../src/shared/dto'
import { expect, screenshot, test } from './fixtures'

test('the Storage view shows memory used against the budget and evictions per symbol', async ({
  monitor,
  page,
  stack
}) => {
  await monitor.show('storage')
  stack.sim.emitTrades('spot', 'BTCUSDT', 30, { perFrame: 5 })
  const line = page.getByTestId('memory-budget')
  await expect(line).toBeVisible()
  const stats = (await (await fetch(`${stack.url}/collectors/storage/stats`)).json()) as StorageStats
  const mib = stats.memory.budget_bytes / 1024 / 1024
  await expect(page.getByTestId('memory-budget-limit')).toHaveText(`${mib.toFixed(1)} MiB`)
  await expect(page.getByTestId('memory-used')).not.toHaveText('0 B')
  await expect(page.getByTestId('symbol-row').first().getByTestId('symbol-evicted')).toHaveText(/^\d[\d,]*$/)
  await screenshot(page, 'storage-memory-1280x800')
})
