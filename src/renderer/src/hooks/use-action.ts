import { useState } from 'react'
import type { ActionResult } from '../../../shared/dto'
import { errorMessage } from '../../../shared/guards'

export interface ActionState {
  busy: boolean
  /** The engine's answer to the last run, or its error in words. */
  result: ActionResult | null
  run(action: () => Promise<ActionResult>): void
}

/** One action button's life: busy while the call runs, then the engine's answer (or the error). */
export function useAction(): ActionState {
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<ActionResult | null>(null)
  const run = (action: () => Promise<ActionResult>): void => {
    setBusy(true)
    setResult(null)
    action()
      .then(
        (r) => setResult(r),
        (err: unknown) => setResult({ ok: false, message: errorMessage(err) })
      )
      .finally(() => setBusy(false))
  }
  return { busy, result, run }
}
