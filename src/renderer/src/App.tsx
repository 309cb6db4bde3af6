import { useServices } from './app-context'
import { EngineBanner } from './components/EngineBanner'
import { HelpPopover } from './components/HelpPopover'
import { NavRail } from './components/NavRail'
import { TopBar } from './components/TopBar'
import { EmptyState } from './components/ui'
import { useNow } from './hooks/use-now'
import { useShortcuts } from './hooks/use-shortcuts'
import { useApp } from './store'
import {
  selectEngineError,
  selectNextSnapshotAt,
  selectReachability,
  selectReady,
  selectTheme,
  selectView
} from './store/selectors'
import type { ViewId } from './store/ui-slice'
import { ChecklistView } from './views/checklist/ChecklistView'
import { ConnectionView } from './views/ConnectionView'
import { DebugView } from './views/DebugView'
import { LogsView } from './views/LogsView'
import { SettingsView } from './views/SettingsView'
import { StorageView } from './views/StorageView'
import { SymbolsView } from './views/SymbolsView'
import { TapeView } from './views/TapeView'
import './not-ready.css'

function CurrentView({ view }: { view: ViewId }) {
  switch (view) {
    case 'connection':
      return <ConnectionView />
    case 'tape':
      return <TapeView />
    case 'storage':
      return <StorageView />
    case 'logs':
      return <LogsView />
    case 'debug':
      return <DebugView />
    case 'settings':
      return <SettingsView />
    case 'checklist':
      return <ChecklistView />
    case 'symbols':
      return <SymbolsView />
  }
}

/** Before the first snapshot: connecting, or why the engine cannot be reached and when we retry. */
function NotReady() {
  const { api, sync } = useServices()
  const reach = useApp(selectReachability)
  const error = useApp(selectEngineError)
  const nextAt = useApp(selectNextSnapshotAt)
  const now = useNow(500)
  if (reach !== 'unreachable') {
    return (
      <EmptyState title="Connecting to the engine…" testId="state-connecting">
        Loading the first snapshot from {api.endpoint}.
      </EmptyState>
    )
  }
  const secs = nextAt ? Math.max(0, Math.ceil((nextAt - now) / 1000)) : null
  return (
    <div className="unreachable" role="alert" data-testid="state-unreachable">
      <div className="unreachable-title">Cannot reach the engine</div>
      <p>
        The monitor could not load data from <span className="mono">{api.endpoint}</span>.
      </p>
      <p className="mono error-text" data-testid="unreachable-error">
        {error}
      </p>
      <ul className="hints">
        <li>
          Is the headless engine running? Start it with <span className="mono">npm run serve</span> or{' '}
          <span className="mono">npm run demo</span>.
        </li>
        <li>Is the mirror on the port in this address? A busy port is reported in the app&apos;s log.</li>
        <li>Reload the page if the engine was restarted: its access token changes with every start.</li>
      </ul>
      <div className="row gap">
        <button className="btn primary" onClick={() => void sync.refresh()} data-testid="retry-now">
          Retry now
        </button>
        {secs !== null ? <span className="muted">Retrying automatically in {secs}s…</span> : null}
      </div>
    </div>
  )
}

export function App() {
  useShortcuts()
  const ready = useApp(selectReady)
  const theme = useApp(selectTheme)
  const view = useApp(selectView)
  return (
    <div className="app" data-ready={ready ? 'true' : 'false'} data-theme={theme} data-testid="app-root">
      <TopBar />
      <NavRail />
      <main className="main">
        <EngineBanner />
        {ready ? <CurrentView view={view} /> : <NotReady />}
      </main>
      <HelpPopover />
    </div>
  )
}
