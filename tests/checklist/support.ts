// The checklist's rig: the one stack with a BTCUSDT engine on fast timings and, unless a test
// says otherwise, the mirror in front. Every test closes what it opened.

import type { Engine } from '../../src/main/core/engine'
import type { MirrorHandle } from '../../src/main/http'
import type { ChecklistItem, ChecklistItemId, ChecklistReport } from '../../src/shared/dto'
import type { Settings } from '../../src/shared/settings'
import type { SimulatorOptions } from '../../src/simulator'
import { startStack, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'

export type Rig = Stack<MirrorHandle | null, null>

export function startRig(
  opts: { sim?: SimulatorOptions; settings?: Partial<Settings>; mirror?: boolean; simulatorDown?: boolean } = {}
): Promise<Rig> {
  return startStack({
    simulator: { seed: 5, ...opts.sim },
    simulatorDown: opts.simulatorDown,
    engine: { settings: { symbols: ['BTCUSDT'], ...opts.settings } },
    mirror: opts.mirror !== false
  })
}

export function item(report: ChecklistReport, id: ChecklistItemId): ChecklistItem {
  const found = report.items.find((i) => i.id === id)
  if (!found) throw new Error(`no checklist item ${id}`)
  return found
}

export function statuses(report: ChecklistReport): Record<string, string> {
  return Object.fromEntries(report.items.map((i) => [i.id, i.status]))
}

/** Re-runs the checklist until `cond` holds for a report, and returns that report. */
export function checklistWhen(
  engine: Engine,
  cond: (r: ChecklistReport) => boolean,
  what: string
): Promise<ChecklistReport> {
  return waitFor(
    async () => {
      const r = await engine.handlers.getChecklist()
      return cond(r) ? r : null
    },
    { what, timeoutMs: 8000, intervalMs: 25 }
  )
}

export const passes =
  (...ids: ChecklistItemId[]) =>
  (r: ChecklistReport) =>
    ids.every((id) => item(r, id).status === 'pass')

/** A port nothing listens on (bound, then released). */
export { freePort as closedPort } from '../support/loopback'
