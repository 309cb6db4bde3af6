// What the durable tier reports when there is none: --no-persist (memory only).

import type { HistoryResponse, PersistStats } from '../../../shared/dto-durable'

export function persistOffStats(): PersistStats {
  return {
    state: 'off',
    data_dir: null,
    file: null,
    file_bytes: 0,
    persisted: 0,
    not_persisted: 0,
    duplicates_skipped: 0,
    queue_depth: 0,
    queue_capacity: 0,
    lag_ms: 0,
    write_rate: 0,
    newest_persisted_timestamp: null,
    rows_on_disk: 0,
    oldest_timestamp: null,
    retention: { days: 0, gb: 0, deleted: 0, last_run_at: null },
    last_error: null
  }
}

/** `/collectors/history` under --no-persist: state `off` and no symbols (a 200, not an error). */
export function historyOff(): HistoryResponse {
  return { persist: persistOffStats(), symbols: [] }
}
