import { useState } from 'react'
import type { Settings } from '../../../shared/settings'
import { parseRetentionDays, parseRetentionGb } from '../../../shared/validate-persist'
import { ErrorBanner, Panel } from '../components/ui'
import { useSettingsApply } from '../hooks/use-settings-apply'
import { useApp } from '../store'
import { selectStats } from '../store/selectors'

/**
 * The durable tier's settings, applied at once: keep trades on disk, the retention (days and size),
 * recording raw frames into the data dir. The data dir itself is chosen at start (`--data-dir`; the
 * desktop app's user-data folder) and only shown here.
 */
export function PersistPanel({ settings }: { settings: Settings }) {
  const persist = useApp(selectStats)?.persist ?? null
  const { busy, error, apply } = useSettingsApply()
  const [days, setDays] = useState(String(settings.persist.retentionDays))
  const [gb, setGb] = useState(String(settings.persist.retentionGb))
  const daysOk = parseRetentionDays(days, 'Retention days')
  const gbOk = parseRetentionGb(gb, 'Retention GB')
  const retentionChanged =
    daysOk.ok &&
    gbOk.ok &&
    (daysOk.value !== settings.persist.retentionDays || gbOk.value !== settings.persist.retentionGb)

  const dataDir = persist?.data_dir ?? null
  return (
    <Panel title="History on disk" testId="persist-panel">
      <label className="check">
        <input
          type="checkbox"
          checked={settings.persist.enabled}
          disabled={busy}
          onChange={(e) => apply({ persist: { enabled: e.target.checked } })}
          data-testid="persist-enabled"
        />
        <span>
          Keep every trade on disk
          <span className="muted small">
            {' '}
            A DuckDB file in the data dir; a restart reloads it and backfills the gap.
          </span>
        </span>
      </label>
      <div className="persist-dir small">
        <span className="muted">Data dir </span>
        <span className="mono" data-testid="persist-data-dir">
          {dataDir ?? 'none (memory only: started with --no-persist)'}
        </span>
      </div>
      <div className="persist-retention">
        <label className={`field inline ${daysOk.ok ? '' : 'has-error'}`}>
          <span>Keep</span>
          <input
            className="input num"
            inputMode="numeric"
            value={days}
            disabled={busy || !settings.persist.enabled}
            onChange={(e) => setDays(e.target.value)}
            data-testid="persist-days"
            aria-invalid={!daysOk.ok}
          />
          <span>days, at most</span>
        </label>
        <label className={`field inline ${gbOk.ok ? '' : 'has-error'}`}>
          <input
            className="input num"
            inputMode="decimal"
            value={gb}
            disabled={busy || !settings.persist.enabled}
            onChange={(e) => setGb(e.target.value)}
            data-testid="persist-gb"
            aria-invalid={!gbOk.ok}
          />
          <span>GB</span>
        </label>
        <button
          className="btn small"
          disabled={busy || !retentionChanged}
          onClick={() =>
            daysOk.ok && gbOk.ok && apply({ persist: { retentionDays: daysOk.value, retentionGb: gbOk.value } })
          }
          data-testid="persist-apply"
        >
          Apply
        </button>
      </div>
      {!daysOk.ok || !gbOk.ok ? (
        <p className="form-error" data-testid="persist-invalid">
          {!daysOk.ok ? daysOk.error : !gbOk.ok ? gbOk.error : null}
        </p>
      ) : null}
      <label className="check">
        <input
          type="checkbox"
          checked={settings.recordFrames}
          disabled={busy || dataDir === null}
          onChange={(e) => apply({ recordFrames: e.target.checked })}
          data-testid="persist-record"
        />
        <span>
          Record raw frames
          <span className="muted small">
            {' '}
            Every WebSocket frame into the data dir’s recordings/ folder, for replay.
          </span>
        </span>
      </label>
      <ErrorBanner error={error} />
    </Panel>
  )
}
