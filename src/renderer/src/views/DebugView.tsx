import { useState } from 'react'
import type { CollectorStorageRef, StorageDebug, TasksResponse } from '../../../shared/dto'
import { useServices } from '../app-context'
import { EmptyState, FillBar, Panel, Pill } from '../components/ui'
import { useNow } from '../hooks/use-now'
import { usePoll } from '../hooks/use-poll'
import { fmtAgo, fmtBytes, fmtClock, fmtInt } from '../lib/format'
import { TASK_TONE } from '../lib/status-words'
import { RawFramesPanel } from './RawFramesPanel'
import './debug.css'

const POLL_MS = 2000

/** Polls `/debug/tasks` and `/debug/storage` while the view is open. */
function useDebugData(): { tasks: TasksResponse | null; storage: StorageDebug | null; error: string | null } {
  const { api } = useServices()
  const { data, error } = usePoll(() => Promise.all([api.getTasks(), api.getStorageDebug()]), POLL_MS)
  return { tasks: data?.[0] ?? null, storage: data?.[1] ?? null, error }
}

function collectorRefs(d: StorageDebug): [string, CollectorStorageRef][] {
  return Object.entries(d)
    .filter(([k]) => /^collector_.+_storage$/.test(k))
    .map(([k, v]) => [k, v as CollectorStorageRef])
}

function TasksTable({ tasks, now }: { tasks: TasksResponse; now: number }) {
  const list = Object.values(tasks.tasks).sort((a, b) => a.name.localeCompare(b.name))
  if (list.length === 0) return <EmptyState title="No tasks registered" />
  return (
    <table className="table" data-testid="tasks-table">
      <thead>
        <tr>
          <th>Task</th>
          <th>State</th>
          <th>Started</th>
          <th>Last activity</th>
          <th className="num">Restarts</th>
          <th>Last error</th>
          <th>Detail</th>
        </tr>
      </thead>
      <tbody>
        {list.map((t) => (
          <tr key={t.name} data-testid="task-row" data-task={t.name}>
            <td className="mono">{t.name}</td>
            <td>
              <Pill tone={TASK_TONE[t.state]}>{t.state}</Pill>
            </td>
            <td>{fmtClock(t.started_at)}</td>
            <td>{fmtAgo(t.last_activity_at, now)}</td>
            <td className="num">{fmtInt(t.restarts)}</td>
            <td className={t.last_error ? 'error-text' : 'muted'}>
              {t.last_error ? `${t.last_error.code}: ${t.last_error.message}` : '—'}
            </td>
            <td className="muted">{t.detail ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function StorageInternals({ d }: { d: StorageDebug }) {
  const refs = collectorRefs(d)
  const symbols = Object.entries(d.symbols).sort((a, b) => a[0].localeCompare(b[0]))
  return (
    <div className="debug-storage" data-testid="storage-internals">
      <dl className="kv">
        <dt>Manager storage</dt>
        <dd className="mono">{d.manager_storage_id}</dd>
        <dt>Class</dt>
        <dd className="mono">{d.storage_class}</dd>
        <dt>Last cleanup</dt>
        <dd>{fmtClock(d.last_cleanup_at)}</dd>
        <dt>Storage errors</dt>
        <dd className={d.storage_errors > 0 ? 'error-text' : ''}>
          {fmtInt(d.storage_errors)}
          {d.last_storage_error ? ` — ${d.last_storage_error.code}: ${d.last_storage_error.message}` : ''}
        </dd>
        <dt>Raw frames</dt>
        <dd>
          {fmtInt(d.raw_frames.count)} / {fmtInt(d.raw_frames.max_count)} · {fmtBytes(d.raw_frames.bytes)} /{' '}
          {fmtBytes(d.raw_frames.max_bytes)}
        </dd>
      </dl>
      <h3 className="sub-head">Collectors&apos; storage handles</h3>
      {refs.length === 0 ? (
        <div className="muted small">No collector holds a storage handle.</div>
      ) : (
        <table className="table" data-testid="storage-refs">
          <thead>
            <tr>
              <th>Key</th>
              <th>Storage instance</th>
              <th>Same as manager&apos;s</th>
              <th className="num">Trades</th>
            </tr>
          </thead>
          <tbody>
            {refs.map(([key, ref]) => (
              <tr key={key}>
                <td className="mono">{key}</td>
                <td className="mono">{ref.storage_id}</td>
                <td>
                  <Pill tone={ref.is_manager_storage ? 'good' : 'bad'}>
                    {ref.is_manager_storage ? 'yes' : 'NO — a different instance'}
                  </Pill>
                </td>
                <td className="num">{fmtInt(ref.total_trades)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="sub-head">Symbol rings</h3>
      <table className="table">
        <thead>
          <tr>
            <th>Symbol</th>
            <th className="num">Stored</th>
            <th className="num">Capacity</th>
            <th className="wide">Fill</th>
            <th className="num">Dedupe index</th>
          </tr>
        </thead>
        <tbody>
          {symbols.map(([s, v]) => (
            <tr key={s}>
              <td className="mono">{s}</td>
              <td className="num">{fmtInt(v.stored)}</td>
              <td className="num">{fmtInt(v.capacity)}</td>
              <td className="wide">
                <FillBar value={v.stored} max={v.capacity} />
              </td>
              <td className="num">{fmtInt(v.dedupe_index)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function DebugView() {
  const { tasks, storage, error } = useDebugData()
  const now = useNow(1000)
  const [raw, setRaw] = useState(false)
  return (
    <div className="view view-debug" data-testid="view-debug">
      {error ? (
        <div className="banner tone-bad" role="alert">
          Could not refresh debug data: {error}
        </div>
      ) : null}
      <Panel
        title="Task registry"
        actions={<span className="muted small">/debug/tasks · every {POLL_MS / 1000}s</span>}
        testId="debug-tasks"
      >
        {tasks ? <TasksTable tasks={tasks} now={now} /> : <EmptyState title="Loading tasks…" />}
      </Panel>
      <Panel
        title="Storage internals"
        testId="debug-storage"
        actions={
          <label className="field inline check small">
            <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} data-testid="debug-raw" />
            <span>Raw JSON</span>
          </label>
        }
      >
        {!storage ? (
          <EmptyState title="Loading storage internals…" />
        ) : raw ? (
          <pre className="json">{JSON.stringify({ tasks, storage }, null, 2)}</pre>
        ) : (
          <StorageInternals d={storage} />
        )}
      </Panel>
      <RawFramesPanel />
    </div>
  )
}
