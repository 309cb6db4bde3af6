import { useCallback, useState } from 'react'
import { useServices } from '../../app-context'
import { useApp } from '../../store'
import { ChecklistPanel } from './ChecklistPanel'
import { DiagnosticsPanel } from './DiagnosticsPanel'
import { RecoveryPanel } from './RecoveryPanel'
import { ResourcesPanel } from './ResourcesPanel'
import { usePoll } from '../../hooks/use-poll'
import './checklist.css'

const CHECKLIST_MS = 2000
const RESOURCES_MS = 2000

/** "Why are my trades not arriving?": the checklist with evidence, diagnostics, recovery and resources. */
export function ChecklistView() {
  const { api } = useServices()
  const [live, setLive] = useState(true)
  const checklist = usePoll(
    useCallback(() => api.getChecklist(), [api]),
    CHECKLIST_MS,
    live
  )
  const resources = usePoll(
    useCallback(() => api.getResources(), [api]),
    RESOURCES_MS
  )
  const collector = useApp((s) => Object.keys(s.collectors)[0] ?? 'bybit_trades')
  const rerun = checklist.reload
  return (
    <div className="view ck-view" data-testid="view-checklist">
      <div className="ck-columns">
        <div className="ck-main">
          <ChecklistPanel
            report={checklist.data}
            error={checklist.error}
            loading={checklist.loading}
            live={live}
            onLive={setLive}
            onRerun={() => void rerun()}
          />
          <DiagnosticsPanel />
        </div>
        <div className="ck-side">
          <RecoveryPanel collector={collector} onDone={() => void rerun()} />
          <ResourcesPanel data={resources.data} />
        </div>
      </div>
    </div>
  )
}
