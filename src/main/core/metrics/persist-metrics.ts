// The durable tier's series in /metrics: what reached the disk and what did not, the write queue,
// the lag, the file, retention, and errors by code.

import type { PersistState, PersistStats } from '../../../shared/dto-durable'
import type { Exposition } from './prometheus'

const STATES: readonly PersistState[] = ['off', 'opening', 'ok', 'failing']

export function renderPersistMetrics(x: Exposition, p: PersistStats, errors: ReadonlyMap<string, number>): void {
  const one = (name: string, type: 'counter' | 'gauge', help: string, value: number): void => {
    x.family(name, type, help).sample(name, {}, value)
  }
  x.family('mdm_persist_state', 'gauge', 'The durable tier: 1 for its current state (off, opening, ok, failing).')
  for (const s of STATES) x.sample('mdm_persist_state', { state: s }, p.state === s ? 1 : 0)
  one('mdm_persist_persisted_total', 'counter', 'Trades written to the data dir by this engine.', p.persisted)
  one(
    'mdm_persist_not_persisted_total',
    'counter',
    'Stored trades that could not be written (queue full, disk failing, tier not open).',
    p.not_persisted
  )
  one('mdm_persist_duplicates_skipped_total', 'counter', 'Trades offered but already on disk.', p.duplicates_skipped)
  one('mdm_persist_queue_depth', 'gauge', 'Trades waiting in the write queue.', p.queue_depth)
  one('mdm_persist_queue_capacity', 'gauge', 'Most trades the write queue holds.', p.queue_capacity)
  one('mdm_persist_lag_seconds', 'gauge', 'Age of the oldest trade waiting in the write queue.', p.lag_ms / 1000)
  one('mdm_persist_rows', 'gauge', 'Trades on disk.', p.rows_on_disk)
  one('mdm_persist_file_bytes', 'gauge', 'Size of the database file.', p.file_bytes)
  one('mdm_persist_retention_deleted_total', 'counter', 'Trades deleted by retention.', p.retention.deleted)
  x.family('mdm_persist_errors_total', 'counter', 'Durable tier errors seen, by code.')
  for (const [code, n] of errors) x.sample('mdm_persist_errors_total', { code }, n)
}
