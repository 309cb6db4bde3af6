// The Symbols view against an engine collecting the simulator's whole linear board (520 symbols,
// Zipf-skewed rates): one
// virtualized table (only the rows on screen exist), sortable by every column, searchable, refreshed
// at a fixed cadence; a row's click opens the tape filtered to that symbol, with a chip to clear it.

import { boardNames } from '../src/simulator/catalog-names'
import { expect, screenshot, test as base } from './fixtures'
import { startStack, type Stack } from './support/stack'

/** The simulator's own linear board, most traded first. */
const SYMBOLS = boardNames('linear', 520)

const test = base.extend<object, { stack: Stack }>({
  stack: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
    async ({}, use) => {
      const stack = await startStack({
        category: 'linear',
        symbols: SYMBOLS,
        maxSymbols: 1000,
        totalRate: 1500
      })
      await use(stack)
      await stack.stop()
    },
    { scope: 'worker', timeout: 60_000 }
  ]
})

test('lists 520 symbols in a virtual, sortable, searchable table; a row filters the tape', async ({
  monitor,
  page
}) => {
  const view = monitor.symbols
  await page.keyboard.press('8')
  await expect(view.root).toBeVisible()
  await expect(view.count).toContainText('of 520 symbols')
  expect(await view.rowCount()).toBe(520)
  // only the window on screen (plus overscan) is in the DOM
  const rendered = await view.rows.count()
  expect(rendered).toBeGreaterThan(10)
  expect(rendered).toBeLessThan(60)

  // every topic subscribed and trades flowing: rates come from the engine's one-second tick
  await expect(page.getByTestId('symbols-failed')).toHaveCount(0)
  await expect
    .poll(async () => (await view.rows.first().locator('span').nth(3).textContent()) ?? '', { timeout: 15_000 })
    .not.toBe('0.0')
  await screenshot(page, 'symbols-520-1280x800')

  // sort by symbol, both ways; the top rows are the first of the sorted list
  const sorted = [...SYMBOLS].sort()
  await view.sortBy('symbol')
  await expect(view.sortButton('symbol')).toHaveAttribute('aria-sort', 'ascending')
  expect((await view.renderedSymbols()).slice(0, 5)).toEqual(sorted.slice(0, 5))
  await view.sortBy('symbol')
  await expect(view.sortButton('symbol')).toHaveAttribute('aria-sort', 'descending')
  expect((await view.renderedSymbols()).slice(0, 5)).toEqual([...sorted].reverse().slice(0, 5))
  // scrolled to the bottom, the last rows exist and the first are gone
  await view.scrollTo(1_000_000)
  await expect(view.row(sorted[0])).toBeVisible()
  await expect(view.row(sorted[sorted.length - 1])).toHaveCount(0)
  expect(await view.rows.count()).toBeLessThan(60)
  // every column sorts
  for (const column of ['stored', 'evicted', 'open_gaps', 'last_price', 'last_trade_age_ms', 'category'] as const) {
    await view.sortBy(column)
    await expect(view.sortButton(column)).not.toHaveAttribute('aria-sort', 'none')
  }

  // search, then a click: the tape shows that symbol only, with a chip that clears the filter
  await view.search.fill('ethusdt')
  await expect(view.row('ETHUSDT')).toBeVisible()
  const found = await view.renderedSymbols()
  expect(found.every((symbol) => symbol.includes('ETHUSDT'))).toBe(true)
  await expect(view.count).toContainText(`${found.length} of 520 symbols`)
  await view.row('ETHUSDT').click()
  const tape = monitor.tape
  await expect(tape.root).toBeVisible()
  await expect(tape.symbolChip).toHaveAttribute('data-symbol', 'ETHUSDT')
  await expect(tape.rows.first()).toBeVisible({ timeout: 15_000 })
  const shown = await tape.snapshot()
  expect(new Set(shown.map((r) => r.symbol))).toEqual(new Set(['ETHUSDT']))
  await screenshot(page, 'tape-filtered-from-symbols-1280x800')
  await tape.symbolChipClear.click()
  await expect(tape.symbolChip).toHaveCount(0)
  await expect(tape.symbolFilter).toHaveValue('')
  await expect.poll(async () => new Set((await tape.snapshot()).map((r) => r.symbol)).size).toBeGreaterThan(1)
})
