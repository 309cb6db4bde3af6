// The Export dialog's model: the form → the request (presets, local date-times, what is wrong), the
// download URL, the words for progress; and the download itself against a real mirror — chunks
// counted as they arrive, the file name from Content-Disposition, a refusal's code, a cancel.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  downloadExport,
  DownloadError,
  exportPath,
  exportRequestOf,
  filenameOf,
  localInputToMs,
  msToLocalInput,
  progressText,
  type ExportForm,
  type Progress
} from '../../src/renderer/src/lib/export-model'
import { waitFor } from '../support/wait-for'
import { waitSubscribed } from '../support/stack'
import { startMirrorStack, type MirrorStack } from '../http/stack'

const NOW = 1_767_322_800_000 // 2026-01-02T03:00:00Z
const form = (patch: Partial<ExportForm> = {}): ExportForm => ({
  symbol: 'BTCUSDT',
  preset: 'hour',
  customFrom: '',
  customTo: '',
  format: 'csv',
  ...patch
})

describe('exportRequestOf', () => {
  it('last hour and last day end now', () => {
    expect(exportRequestOf(form(), NOW)).toEqual({
      ok: true,
      value: { format: 'csv', symbol: 'BTCUSDT', from: NOW - 3_600_000, to: NOW }
    })
    expect(exportRequestOf(form({ preset: 'day', format: 'parquet', symbol: '' }), NOW)).toEqual({
      ok: true,
      value: { format: 'parquet', from: NOW - 86_400_000, to: NOW }
    })
  })

  it('all has no range (every trade kept, memory and disk)', () => {
    expect(exportRequestOf(form({ preset: 'all' }), NOW)).toEqual({
      ok: true,
      value: { format: 'csv', symbol: 'BTCUSDT' }
    })
  })

  it('custom reads local date-times; an empty To is now', () => {
    const from = msToLocalInput(NOW - 7_200_000)
    const r = exportRequestOf(form({ preset: 'custom', customFrom: from }), NOW)
    expect(r).toEqual({ ok: true, value: { format: 'csv', symbol: 'BTCUSDT', from: NOW - 7_200_000, to: NOW } })
    expect(localInputToMs(msToLocalInput(NOW))).toBe(NOW)
  })

  it.each([
    [{ customFrom: '' }, 'Enter the start of the range (From)'],
    [{ customFrom: '2026-01-02T03:00', customTo: 'soon' }, 'The end of the range (To) is not a date and time'],
    [{ customFrom: '2026-01-02T04:00', customTo: '2026-01-02T03:00' }, 'From is after To']
  ])('custom %j → %s', (patch, error) => {
    expect(exportRequestOf(form({ preset: 'custom', ...patch }), NOW)).toEqual({ ok: false, error })
  })
})

describe('exportPath, filenameOf, progressText', () => {
  it('builds the mirror path of the format with the query', () => {
    expect(exportPath({ format: 'parquet', symbol: 'ETHUSDT', from: 1, to: 2 })).toBe(
      '/collectors/trades.parquet?symbol=ETHUSDT&from=1&to=2'
    )
    expect(exportPath({ format: 'csv' })).toBe('/collectors/trades.csv')
  })

  it('takes the server’s file name, never a path, else makes one', () => {
    expect(filenameOf('attachment; filename="trades-BTCUSDT.csv"', { format: 'csv' })).toBe('trades-BTCUSDT.csv')
    expect(filenameOf('attachment; filename="../etc/passwd"', { format: 'csv', symbol: 'X1' })).toBe('trades-X1.csv')
    expect(filenameOf(null, { format: 'parquet' })).toBe('trades-all.parquet')
  })

  it('says bytes received, and the share when the size is known', () => {
    expect(progressText({ bytes: 1536, total: null })).toBe('1.5 KiB received')
    expect(progressText({ bytes: 512, total: 2048 })).toBe('512 B of 2.0 KiB (25 %)')
    expect(progressText({ bytes: 2048, total: null, rows: 1200 })).toBe('2.0 KiB received · 1,200 trades')
  })
})

describe('downloadExport against a real mirror', () => {
  let stack: MirrorStack
  let base: string

  beforeAll(async () => {
    stack = await startMirrorStack()
    base = `http://127.0.0.1:${stack.port}`
    await waitSubscribed(stack.engine)
    stack.sim.emitTrades('spot', 'BTCUSDT', 3000, { perFrame: 100 })
    await waitFor(async () => (await stack.engine.handlers.getStorageStats()).total_trades === 3000, {
      what: 'trades stored'
    })
  })
  afterAll(async () => {
    await stack?.close()
  })

  it('reads the CSV chunk by chunk, reporting growing byte counts, under the server’s name', async () => {
    const seen: Progress[] = []
    const req = { format: 'csv' as const, symbol: 'BTCUSDT' }
    const got = await downloadExport(base + exportPath(req), req, { onProgress: (p) => seen.push(p) })
    expect(got.filename).toBe('trades-BTCUSDT.csv')
    const text = await got.blob.text()
    expect(text.trim().split('\r\n')).toHaveLength(3001)
    expect(got.bytes).toBe(Buffer.byteLength(text))
    expect(seen.length).toBeGreaterThan(1)
    expect(seen.at(-1)).toEqual({ bytes: got.bytes, total: null })
    expect(seen.map((p) => p.bytes)).toEqual([...seen.map((p) => p.bytes)].sort((a, b) => a - b))
  })

  it('a refusal rejects with the mirror’s message and code', async () => {
    const req = { format: 'parquet' as const }
    const err = await downloadExport(base + exportPath(req), req).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DownloadError)
    expect(err).toMatchObject({ code: 'persistence_off' })
    expect((err as Error).message).toMatch(/persistence is off/)
  })

  it('an aborted download rejects with AbortError', async () => {
    const abort = new AbortController()
    abort.abort()
    const req = { format: 'csv' as const }
    const err = await downloadExport(base + exportPath(req), req, { signal: abort.signal }).catch((e: unknown) => e)
    expect((err as Error).name).toBe('AbortError')
  })
})
