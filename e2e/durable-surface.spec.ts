// The durable tier's surface in the browser, on the e2e stack (memory only: no data dir): the Storage
// view's disk section says persistence is off, and the Export dialog downloads a real CSV of a time
// range that equals what the API returns; Parquet is refused with the reason. Screenshots to judge.

import { readFile } from 'node:fs/promises'
import { expect, screenshot, test } from './fixtures'
import { ExportDialog } from './pages/export-dialog'

test('the disk section shows the --no-persist state', async ({ monitor, page }) => {
  await monitor.show('storage')
  const panel = page.getByTestId('disk-panel')
  await expect(panel).toBeVisible()
  await expect(page.getByTestId('disk-state')).toHaveText('off')
  await expect(page.getByTestId('disk-off')).toContainText('Persistence is off (--no-persist)')
  await panel.scrollIntoViewIfNeeded()
  await screenshot(page, 'storage-disk-off-1280x800')
})

test('Export from the storage view downloads the last hour as CSV, equal to the API over the same range', async ({
  monitor,
  page,
  stack
}) => {
  await monitor.show('storage')
  const dialog = new ExportDialog(page)
  await dialog.open()
  await expect(dialog.format('parquet')).toBeDisabled()
  await expect(dialog.note).toContainText('only the trades held in memory can be exported, as CSV')
  await dialog.symbol.selectOption('BTCUSDT')
  await dialog.range('hour').click()
  await expect(dialog.range('hour')).toHaveAttribute('aria-checked', 'true')
  await screenshot(page, 'export-dialog-1280x800')

  stack.sim.faults.pauseTrades(true)
  try {
    // let the last frames land, so the file and the API read the same trades
    await page.waitForTimeout(300)
    const download = await dialog.download()
    expect(download.suggestedFilename()).toMatch(/^trades-BTCUSDT-\d{8}T\d{6}Z-\d{8}T\d{6}Z\.csv$/)
    const text = await readFile(await download.path(), 'utf8')
    const rows = text.trim().split('\r\n')
    expect(rows[0]).toMatch(/^symbol,side,price,quantity,timestamp,/)
    // every trade held for the symbol that lies in the hour (the stack is younger than an hour: all of them)
    const from = Date.now() - 3_600_000 - 60_000
    const held = (await (await fetch(`${stack.url}/collectors/trades.csv?symbol=BTCUSDT`)).text()).trim().split('\r\n')
    const want = held.slice(1).filter((r) => Number(r.split(',')[4]) >= from)
    const ids = rows.slice(1).map((r) => r.split(',')[8])
    expect(ids.length).toBeGreaterThan(0)
    expect(new Set(ids)).toEqual(new Set(want.map((r) => r.split(',')[8])))
    expect(rows.slice(1).every((r) => r.startsWith('BTCUSDT,'))).toBe(true)
    await expect(dialog.result).toContainText('Downloaded trades-BTCUSDT-')
    await screenshot(page, 'export-dialog-done-1280x800')
  } finally {
    stack.sim.faults.pauseTrades(false)
  }
  await dialog.cancelButton.click()
  await expect(dialog.root).toBeHidden()
})

test('Export from the tape: a custom range with From after To is refused in the form', async ({ monitor, page }) => {
  await monitor.show('tape')
  await screenshot(page, 'tape-toolbar-export-1280x800')
  const dialog = new ExportDialog(page)
  await dialog.open()
  await dialog.range('custom').click()
  await dialog.from.fill('2026-01-02T04:00')
  await dialog.to.fill('2026-01-02T03:00')
  await expect(dialog.invalid).toHaveText('From is after To')
  await expect(dialog.startButton).toBeDisabled()
  await screenshot(page, 'export-dialog-custom-invalid-1280x800')
  await page.keyboard.press('Escape')
  await expect(dialog.root).toBeHidden()
})
