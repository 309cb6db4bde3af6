import { useServices } from '../app-context'
import { useNow } from '../hooks/use-now'
import { useApp } from '../store'
import {
  selectEngineError,
  selectNextSnapshotAt,
  selectReachability,
  selectReady,
  selectTransport
} from '../store/selectors'

/** Across the top when the engine cannot be reached or live updates stopped: what, since when, what next. */
export function EngineBanner() {
  const { api, sync } = useServices()
  const reach = useApp(selectReachability)
  const ready = useApp(selectReady)
  const transport = useApp(selectTransport)
  const error = useApp(selectEngineError)
  const nextAt = useApp(selectNextSnapshotAt)
  const now = useNow(500)
  if (reach === 'unreachable' && ready) {
    const secs = nextAt ? Math.max(0, Math.ceil((nextAt - now) / 1000)) : null
    return (
      <div className="banner tone-bad" role="alert" data-testid="engine-banner">
        <strong>Cannot reach the engine at {api.endpoint}.</strong> {error} — showing the last known data.
        {secs !== null ? ` Retrying in ${secs}s.` : ''}
        <button className="btn small" onClick={() => void sync.refresh()}>
          Retry now
        </button>
      </div>
    )
  }
  if (ready && (transport === 'down' || transport === 'reconnecting')) {
    return (
      <div className="banner tone-warn" role="status" data-testid="transport-banner">
        <strong>Live updates interrupted.</strong>{' '}
        {transport === 'down'
          ? `The event stream from ${api.endpoint} closed; reopening…`
          : `Reconnecting to the event stream at ${api.endpoint}…`}{' '}
        Figures below may be stale.
      </div>
    )
  }
  return null
}
