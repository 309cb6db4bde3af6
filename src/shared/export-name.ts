// The file name an export is saved under, the same in the browser's download, the desktop app's save
// dialog and the mirror's Content-Disposition: `trades-<symbol|all>[-<from>-<to>].<csv|parquet>`.

import type { ExportFormat } from './dto-export'

/** 2026-01-02T03:04:05.678Z → 20260102T030405Z (no characters a file system objects to). */
function compactTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll('-', '')
    .replaceAll(':', '')
}

export function exportFileName(q: { symbol?: string; from?: number; to?: number }, format: ExportFormat): string {
  const parts = ['trades', q.symbol ?? 'all']
  if (q.from !== undefined || q.to !== undefined) {
    parts.push(q.from === undefined ? 'start' : compactTime(q.from), q.to === undefined ? 'now' : compactTime(q.to))
  }
  return `${parts.join('-')}.${format}`
}
