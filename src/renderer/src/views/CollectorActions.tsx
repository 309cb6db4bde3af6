import { useServices } from '../app-context'
import { useAction } from '../hooks/use-action'
import { ActionNote } from './ActionNote'

/** Reconnect / Restart one collector, with the engine's answer shown next to the buttons. */
export function CollectorActions({ name }: { name: string }) {
  const { api } = useServices()
  const { busy, result, run: runAction } = useAction()
  const run = (action: 'reconnectCollector' | 'restartCollector'): void => runAction(() => api[action]({ name }))
  return (
    <div className="row gap">
      <ActionNote result={result} testId="collector-action-result" />
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
