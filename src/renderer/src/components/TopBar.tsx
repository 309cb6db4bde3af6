import { appStore, useApp } from '../store'
import {
  feedState,
  selectCollectorsMap,
  selectMirror,
  selectReachability,
  selectReady,
  selectRuntime,
  selectStreamDropped,
  selectTheme,
  selectTransport
} from '../store/selectors'
import { fmtClock, fmtInt } from '../lib/format'
import { FEED_WORDS, TRANSPORT_WORDS } from '../lib/status-words'
import { Pill } from './ui'
import { useServices } from '../app-context'
import './top-bar.css'

export function TopBar() {
  const { api } = useServices()
  const collectors = useApp(selectCollectorsMap)
  const transport = useApp(selectTransport)
  const theme = useApp(selectTheme)
  const runtime = useApp(selectRuntime)
  const mirror = useApp(selectMirror)
  const reach = useApp(selectReachability)
  const ready = useApp(selectReady)
  const dropped = useApp(selectStreamDropped)
  // without an answering engine the collectors' last states say nothing about the feed now
  const feed =
    reach === 'unreachable'
      ? { label: 'Engine unreachable', tone: 'bad' as const }
      : !ready
        ? { label: 'Connecting', tone: 'info' as const }
        : FEED_WORDS[feedState(collectors)]
  const link = TRANSPORT_WORDS[transport]
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden>
          ◆
        </span>
        <span className="brand-name">Market Data Monitor</span>
        <span className="brand-mode" data-testid="runtime">
          {api.transport}
        </span>
      </div>
      <div className="topbar-status">
        <Pill tone={feed.tone} testId="feed-state">
          {feed.label}
        </Pill>
        <Pill tone={link.tone} testId="transport-state">
          {link.label}
        </Pill>
        {mirror && mirror.state !== 'off' ? (
          <span
            className={`mirror-chip tone-${mirror.state === 'listening' ? 'good' : mirror.state === 'starting' ? 'info' : 'bad'}`}
            title={mirror.error ?? undefined}
            data-testid="mirror-state"
          >
            Mirror {mirror.state === 'listening' ? (mirror.url ?? `:${mirror.port}`) : mirror.state.replace('_', ' ')}
          </span>
        ) : null}
        {dropped ? (
          <button
            className="stream-dropped"
            onClick={() => appStore.getState().dismissDropped()}
            title={`The mirror skipped ${fmtInt(dropped.total)} live update(s) for this window because it fell behind (last at ${fmtClock(dropped.at)}). The tape may be missing trades from then; status and stats catch up on their next push. Click to dismiss.`}
            data-testid="stream-dropped"
          >
            ⚠ {fmtInt(dropped.total)} live {dropped.total === 1 ? 'update' : 'updates'} dropped
          </button>
        ) : null}
        {runtime ? <span className="version">v{runtime.version}</span> : null}
      </div>
      <div className="topbar-actions">
        <button
          className="btn ghost small"
          onClick={() => appStore.getState().toggleTheme()}
          data-testid="theme-toggle"
          title="Toggle theme (T)"
        >
          {theme === 'dark' ? '☀ Light' : '☾ Dark'}
        </button>
        <button
          className="btn ghost small"
          onClick={() => appStore.getState().setHelpOpen(!appStore.getState().helpOpen)}
          data-testid="help-toggle"
          title="Keyboard shortcuts (?)"
        >
          ? Shortcuts
        </button>
      </div>
    </header>
  )
}
