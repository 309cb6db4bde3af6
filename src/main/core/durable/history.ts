// The per-symbol summary of `/collectors/history`: what is on disk (from the file) beside what
// still waits in the write queue (from memory), with each symbol's estimated share of the file.

import type { HistoryResponse, HistorySymbol, PersistStats } from '../../../shared/dto-durable'
import type { Category } from '../../../shared/dto'
import type { SymbolSummary } from './queries'

export function buildHistory(
  onDisk: readonly SymbolSummary[],
  pending: Map<string, { count: number; oldest: number }>,
  persist: PersistStats,
  now: number
): HistoryResponse {
  const left = new Map(pending)
  const total = onDisk.reduce((n, s) => n + s.stored, 0)
  const symbols: HistorySymbol[] = onDisk.map((s) => {
    const key = `${s.category}:${s.symbol}`
    const p = left.get(key)
    left.delete(key)
    return {
      category: s.category,
      symbol: s.symbol,
      stored: s.stored,
      first_timestamp: s.first,
      last_timestamp: s.last,
      bytes: total > 0 ? Math.round((persist.file_bytes * s.stored) / total) : 0,
      pending: p?.count ?? 0,
      lag_ms: p ? Math.max(0, now - p.oldest) : 0
    }
  })
  for (const [key, p] of left) {
    const at = key.indexOf(':')
    symbols.push({
      category: key.slice(0, at) as Category,
      symbol: key.slice(at + 1),
      stored: 0,
      first_timestamp: null,
      last_timestamp: null,
      bytes: 0,
      pending: p.count,
      lag_ms: Math.max(0, now - p.oldest)
    })
  }
  return { persist, symbols }
}
