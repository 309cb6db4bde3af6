// The durable tier's surface on a stack that persists to a DuckDB file in a temp data dir, with a
// small ring so older trades live on disk only: the disk section shows rows, bytes, the oldest
// trade, retention, queue and lag and the per-symbol history; the Export dialog downloads a Parquet
// file of everything (more than memory holds) with its progress, and the file's rows are all there.

import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import type { HistoryResponse } from '../src/shared/dto-durable'
import { expect, screenshot, test } from './fixtures'
import { ExportDialog } from './pages/export-dialog'
import { PersistPanel } from './pages/persist-panel'
import { MonitorPage } from './pages/monitor-page'
import { startStack, type Stack } from './support/stack'

let stack: Stack
let dataDir: string

test.beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mdm-e2e-data-'))
  stack = await startStack({ dataDir, maxTradesPerSymbol: 100, symbols: ['BTCUSDT', 'ETHUSDT'], tradesPerSecond: 40 })
})

test.afterAll(async () => {
  await stack?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

async function history(): Promise<HistoryResponse> {
  return (await (await fetch(`${stack.url}/collectors/history`)).json()) as HistoryResponse
}

test('the disk section shows what is on disk, and the Export dialog downloads a Parquet file of more than memory holds', async ({
  page
}) => {
  const monitor = new MonitorPage(page)
  await monitor.open(stack.url)
  // more trades than the rings hold (100 per symbol), all on disk
  await expect.poll(async () => (await history()).persist.rows_on_disk, { timeout: 20_000 }).toBeGreaterThan(300)
  await monitor.show('storage')
  const panel = page.getByTestId('disk-panel')
  await expect(page.getByTestId('disk-state')).toHaveText('writing')
  await expect(page.getByTestId('disk-rows')).not.toHaveText('0')
  await expect(page.getByTestId('disk-retention')).toHaveText('30 d · 5 GB')
  await expect(page.getByTestId('disk-file')).toContainText(dataDir)
  await expect(page.locator('[data-testid="disk-symbol-row"][data-symbol="BTCUSDT"]')).toBeVisible()
  await expect(page.locator('[data-testid="disk-symbol-row"][data-symbol="ETHUSDT"]')).toBeVisible()
  await panel.scrollIntoViewIfNeeded()
  await screenshot(page, 'storage-disk-1280x800')
  await page.getByTestId('theme-toggle').click()
  await screenshot(page, 'storage-disk-light-1280x800')
  await page.getByTestId('theme-toggle').click()

  const dialog = new ExportDialog(page)
  await dialog.open()
  await dialog.symbol.selectOption('BTCUSDT')
  await dialog.range('all').click()
  await expect(dialog.format('parquet')).toBeEnabled()
  await dialog.format('parquet').click()
  await expect(dialog.note).toContainText('Trades older than memory holds are read from disk')
  await screenshot(page, 'export-dialog-parquet-1280x800')
  const download = await dialog.download()
  expect(download.suggestedFilename()).toBe('trades-BTCUSDT.parquet')
  await expect(dialog.result).toContainText('Downloaded trades-BTCUSDT.parquet')

  const file = await download.path()
  expect((await readFile(file)).subarray(0, 4).toString()).toBe('PAR1')
  const db = await DuckDBInstance.create(':memory:')
  const conn = await db.connect()
  try {
    const rows = (
      await conn.runAndReadAll(
        'SELECT count(*)::INTEGER AS n, count(DISTINCT trade_id)::INTEGER AS ids, min(symbol) AS s, max(symbol) AS t FROM read_parquet($1)',
        [file]
      )
    ).getRowObjectsJson()[0]
    // more than the ring of 100 holds, each trade once, one symbol
    expect(Number(rows.n)).toBeGreaterThan(100)
    expect(rows.ids).toBe(rows.n)
    expect([rows.s, rows.t]).toEqual(['BTCUSDT', 'BTCUSDT'])
  } finally {
    conn.closeSync()
  }
})

test('Settings → History on disk: the data dir shown, retention applied, persistence turned off and on', async ({
  page
}) => {
  const monitor = new MonitorPage(page)
  await monitor.open(stack.url)
  await monitor.show('settings')
  const panel = new PersistPanel(page)
  await expect(panel.dataDir).toHaveText(dataDir)
  await expect(panel.enabled).toBeChecked()
  await panel.days.fill('0')
  await expect(panel.invalid).toContainText('Retention days must be an integer between 1 and 3650')
  await expect(panel.apply).toBeDisabled()
  await panel.days.fill('7')
  await panel.gb.fill('0.5')
  await panel.root.scrollIntoViewIfNeeded()
  await screenshot(page, 'settings-history-on-disk-1280x800')
  await panel.apply.click()
  await expect.poll(async () => (await history()).persist.retention).toMatchObject({ days: 7, gb: 0.5 })

  // applied through the engine: the box follows the answer, so click and wait for it
  await panel.enabled.click()
  await expect(panel.enabled).not.toBeChecked()
  await expect.poll(async () => (await history()).persist.state).toBe('off')
  await monitor.show('storage')
  await expect(page.getByTestId('disk-off')).toContainText('Persistence is turned off in Settings')
  await monitor.show('settings')
  await panel.enabled.click()
  await expect(panel.enabled).toBeChecked()
  await expect.poll(async () => (await history()).persist.state).toBe('ok')
})
