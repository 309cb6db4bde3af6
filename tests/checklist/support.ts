// A simulator, an engine on fast timings collecting from it, and optionally the mirror in front:
// the real parts the checklist judges. Every test closes what it opened.

import type { Engine } from '../../src/main/core/engine'
import { createMirrorToken, startMirror, type MirrorHandle } from '../../src/main/http'
import type { ChecklistItem, ChecklistItemId, ChecklistReport } from '../../src/shared/dto'
import type { Settings } from '../../src/shared/settings'
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../src/simulator'
import { testEngine } from '../support/engine-harness'
import { waitFor } from '../support/wait-for'

export interface Rig {
  sim: SimulatorHandle
  engine: Engine
  mirror: MirrorHandle | null
  token: string
  close(): Promise<void>
}

export async function startRig(
  opts: { sim?: SimulatorOptions; settings?: Partial<Settings>; mirror?: boolean; wsUrl?: string } = {}
): Promise<Rig> {
  const sim = await startSimulator({ port: 0, seed: 5, tradesPerSecond: 0, ...opts.sim })
  const engine = testEngine({
    symbols: ['BTCUSDT'],
    wsUrl: opts.wsUrl ?? sim.wsUrl('spot'),
    restUrl: sim.restUrl,
    ...opts.settings
  })
  await engine.start()
  const token = createMirrorToken()
  const mirror =
    opts.mirror === false ? null : await startMirror(engine, { host: '127.0.0.1', port: 0, token, staticDir: null })
  return {
    sim,
    engine,
    mirror,
    token,
    async close() {
      await mirror?.close()
      await engine.stop()
      await sim.close()
    }
  }
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
