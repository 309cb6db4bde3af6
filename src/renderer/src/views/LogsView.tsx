import { useDeferredValue, useMemo } from 'react'
import type { LogLevel } from '../../../shared/dto'
import { LOG_CODE_MEANINGS } from '../../../shared/log-codes'
import { EmptyState, KeyCap } from '../components/ui'
import { fmtInt, fmtLogTime } from '../lib/format'
import { filterLogs, LOG_LEVELS, LOG_PRESETS } from '../lib/log-filter'
import { appStore, useApp } from '../store'
import { selectLogCode, selectLogLevel, selectLogPreset, selectLogs, selectLogSearch } from '../store/selectors'
import { LogCodeSelect } from './LogCodeSelect'
import { LogFolderButton } from './LogFolderButton'
import './logs.css'

const SHOWN = 500

export function LogsView() {
  const logs = useApp(selectLogs)
  const level = useApp(selectLogLevel)
  const search = useApp(selectLogSearch)
  const preset = useApp(selectLogPreset)
  const code = useApp(selectLogCode)
  const deferredSearch = useDeferredValue(search)
  const matches = useMemo(
    () => filterLogs(logs, { level, search: deferredSearch, preset, code }),
    [logs, level, deferredSearch, preset, code]
  )
  const shown = matches.slice(-SHOWN).reverse()
  const st = appStore.getState()
  return (
    <div className="view view-logs" data-testid="view-logs">
      <div className="toolbar">
        <label className="field inline">
          <span>Level</span>
          <select
            className="input"
            value={level}
            onChange={(e) => st.setLogLevel(e.target.value as LogLevel)}
            data-testid="log-level"
          >
            {LOG_LEVELS.map((l) => (
              <option key={l} value={l}>
                {l === 'DEBUG' ? 'All (DEBUG+)' : `${l}+`}
              </option>
            ))}
          </select>
        </label>
        <LogCodeSelect value={code} onChange={st.setLogCode} />
        <label className="field inline grow">
          <span>Search</span>
          <input
            className="input"
            type="search"
            placeholder="Filter the printed lines…  ( / )"
            value={search}
            onChange={(e) => st.setLogSearch(e.target.value)}
            data-testid="log-search"
            data-search=""
          />
        </label>
        <div className="presets" role="group" aria-label="Guide filters">
          {LOG_PRESETS.map((p) => (
            <button
              key={p.id}
              className={`btn small chip ${preset === p.id ? 'active' : ''}`}
              aria-pressed={preset === p.id}
              title={`grep -E '${p.pattern}'`}
              onClick={() => st.toggleLogPreset(p.id)}
              data-testid={`log-preset-${p.id}`}
            >
              {p.label}
            </button>
          ))}
        </div>
        <LogFolderButton />
      </div>
      <div className="log-meta muted small">
        <span data-testid="log-count">
          {fmtInt(matches.length)} of {fmtInt(logs.length)} entries
        </span>
        {code ? (
          <span data-testid="log-code-meaning">
            {' '}
            · <span className="mono">{code}</span>: {LOG_CODE_MEANINGS[code]}
          </span>
        ) : null}
        {preset ? (
          <span className="mono"> · grep -E &apos;{LOG_PRESETS.find((p) => p.id === preset)?.pattern}&apos;</span>
        ) : null}
        {matches.length > SHOWN ? <span> · newest {SHOWN} shown</span> : null}
        <span className="right">
          newest first · <KeyCap>/</KeyCap> search
        </span>
      </div>
      <div className="log-list" data-testid="log-list">
        {shown.length === 0 ? (
          <EmptyState title={logs.length === 0 ? 'No log entries yet' : 'No entries match these filters'} />
        ) : (
          shown.map((e) => (
            <div
              key={e.seq}
              className={`log-row lvl-${e.level}`}
              data-testid="log-row"
              data-level={e.level}
              data-code={e.code}
            >
              <span className="log-time">{fmtLogTime(e.at)}</span>
              <span className="log-level">{e.level}</span>
              <span className="log-logger">{e.logger}</span>
              <span className="log-msg">
                {e.message}
                {e.code ? <span className="err-code">{e.code}</span> : null}
              </span>
            </div>
          ))
        )}
      </div>
    </div>
  )
}
