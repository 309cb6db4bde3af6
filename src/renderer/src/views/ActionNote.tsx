import type { ActionResult } from '../../../shared/dto'

/** The engine's answer to an action, next to its button. */
export function ActionNote({ result, testId }: { result: ActionResult | null; testId: string }) {
  if (!result) return null
  return (
    <span className={`action-result ${result.ok ? 'ok' : 'bad'}`} data-testid={testId}>
      {result.message}
    </span>
  )
}
