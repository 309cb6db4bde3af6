import { useState } from 'react'
import { useServices } from '../app-context'
import { errorMessage } from '../../../shared/guards'

/** Reconnect / Restart one collector, with the engine's answer shown next to the buttons. */
export function CollectorActions({ name }: { name: string }) {
  const { api } = useServices()
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null)
  const run = (action: 'reconnectCollector' | 'restartCollector'): void => {
    setBusy(true)
    setResult(null)
    api[action]({ name })
      .then(
        (r) => setResult(r),
        (err: unknown) => setResult({ ok: false, message: errorMessage(err) })
      )
      .finally(() => setBusy(false))
  }
  return (
    <div className="row gap">
      {result ? (
        <span className={`action-result ${result.ok ? 'ok' : 'bad'}`} data-testid="collector-action-result">
          {result.message}
        </span>
      ) : null}
      <button
        className="btn small"
        disabled={busy}
        onClick={() => run('reconnectCollector')}
        title="Close the socket and connect again now"
        data-testid="reconnect-button"
      >
        Reconnect
      </button>
      <button
        className="btn small"
        disabled={busy}
        onClick={() => run('restartCollector')}
        title="Stop the collector and start it fresh"
        data-testid="restart-button"
      >
        Restart
      </button>
    </div>
  )
}
