import { useCallback, useState } from 'react'
import { useServices } from '../app-context'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { errorMessage } from '../../../shared/guards'

/** Clearing drops every stored trade: ask first, then report the engine's answer. */
export function ClearStorageButton() {
  const { api } = useServices()
  const [asking, setAsking] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null)
  const cancel = useCallback(() => setAsking(false), [])
  const confirm = (): void => {
    setAsking(false)
    api.clearStorage().then(setResult, (err: unknown) => setResult({ ok: false, message: errorMessage(err) }))
  }
  return (
    <span className="row gap">
      {result ? (
        <span className={`action-result ${result.ok ? 'ok' : 'bad'}`} data-testid="clear-result">
          {result.message}
        </span>
      ) : null}
      <button className="btn small danger-outline" onClick={() => setAsking(true)} data-testid="clear-storage">
        Clear storage…
      </button>
      {asking ? (
        <ConfirmDialog
          title="Clear all stored trades?"
          body="Every stored trade and raw frame is dropped (counted as “cleared” in the accounting). Collection continues. This cannot be undone."
          confirmLabel="Clear storage"
          onConfirm={confirm}
          onCancel={cancel}
        />
      ) : null}
    </span>
  )
}
