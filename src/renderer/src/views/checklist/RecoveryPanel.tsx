import { useCallback, useState } from 'react'
import type { ActionResult, MirrorPortCheck } from '../../../../shared/dto'
import { useServices } from '../../app-context'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Panel } from '../../components/ui'
import { ClearStorageButton } from '../ClearStorageButton'
import { errorMessage } from '../../../../shared/guards'

type Action = 'reconnect' | 'restartCollector' | 'restartEngine' | 'checkPort'

/** The guide's emergency recovery, one click each; every answer is shown here and logged by the engine. */
export function RecoveryPanel({ collector, onDone }: { collector: string; onDone(): void }) {
  const { api } = useServices()
  const [busy, setBusy] = useState<Action | null>(null)
  const [result, setResult] = useState<ActionResult | MirrorPortCheck | null>(null)
  const [confirmRestart, setConfirmRestart] = useState(false)
  const cancelRestart = useCallback(() => setConfirmRestart(false), [])
  const run = (action: Action): void => {
    setBusy(action)
    setResult(null)
    const call: Promise<ActionResult | MirrorPortCheck> =
      action === 'reconnect'
        ? api.reconnectCollector({ name: collector })
        : action === 'restartCollector'
          ? api.restartCollector({ name: collector })
          : action === 'restartEngine'
            ? api.restartEngine()
            : api.checkMirrorPort({})
    call
      .then(setResult, (err: unknown) => setResult({ ok: false, message: errorMessage(err) }))
      .finally(() => {
        setBusy(null)
        onDone()
      })
  }
  return (
    <Panel title="Recovery" testId="recovery-panel">
      <div className="ck-actions">
        <button
          className="btn small"
          disabled={busy !== null}
          onClick={() => run('reconnect')}
          data-testid="recovery-reconnect"
        >
          Reconnect now
        </button>
        <button
          className="btn small"
          disabled={busy !== null}
          onClick={() => run('restartCollector')}
          data-testid="recovery-restart-collector"
        >
          Restart collector
        </button>
        <button
          className="btn small"
          disabled={busy !== null}
          onClick={() => setConfirmRestart(true)}
          data-testid="recovery-restart-engine"
        >
          Restart engine…
        </button>
        <button
          className="btn small"
          disabled={busy !== null}
          onClick={() => run('checkPort')}
          data-testid="recovery-check-port"
        >
          Check mirror port
        </button>
        <ClearStorageButton />
      </div>
      {busy ? <p className="muted">Working…</p> : null}
      {result ? (
        <div className={`action-result ${result.ok ? 'ok' : 'bad'}`} data-testid="recovery-result">
          {result.message}
          {'detail' in result ? <div className="muted">{result.detail}</div> : null}
        </div>
      ) : null}
      <p className="muted ck-note">Settings are kept by every action; clearing storage asks first.</p>
      {confirmRestart ? (
        <ConfirmDialog
          title="Restart the whole engine?"
          body="Every collector, timer and the event publisher stop and start again with the same settings. Stored trades are kept; the feed is down for a moment."
          confirmLabel="Restart engine"
          onConfirm={() => {
            setConfirmRestart(false)
            run('restartEngine')
          }}
          onCancel={cancelRestart}
        />
      ) : null}
    </Panel>
  )
}
