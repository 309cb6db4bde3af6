import type { Settings, SettingsPatch } from '../../../shared/settings'
import { applySettingsPatch } from '../../../shared/validate'
import type { EngineContext, HandlerGroup } from './context'
import { logChangedTotals, storageTotals } from './storage-totals'

const COLLECTOR_KEYS = ['category', 'symbols', 'wsUrl', 'restUrl', 'testnet', 'proxy'] as const

/** Applies one patch live: resize storage, reopen the recorder, rebuild the collectors when their recipe changed. */
async function applySettings(ctx: EngineContext, patch: SettingsPatch): Promise<Settings> {
  const { engineLog, manager, lifecycle, wiring } = ctx
  const before = ctx.settings
  const next = applySettingsPatch(before, patch)
  ctx.settings = next
  const changed: string[] = Object.keys(patch)
  const restart = COLLECTOR_KEYS.some((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]))
  if (next.maxTradesPerSymbol !== before.maxTradesPerSymbol) {
    const totals = storageTotals(ctx.storage)
    ctx.storage.resize(next.maxTradesPerSymbol)
    engineLog.info(`Storage limit set to ${next.maxTradesPerSymbol} trades per symbol`)
    logChangedTotals(ctx.log, ctx.storage, totals)
  }
  if (next.recordFile !== before.recordFile) {
    await wiring.closeRecorder()
    if (lifecycle.running) wiring.openRecorder(next.recordFile)
  }
  if (restart) {
    engineLog.info(`Settings changed (${changed.join(', ')}): restarting collectors`)
    const running = lifecycle.running
    if (running) await manager.stopAll('restart')
    manager.configure([wiring.specFor(next)])
    if (running) manager.startAll()
  } else if (changed.length > 0) engineLog.info(`Settings changed (${changed.join(', ')})`)
  return structuredClone(ctx.settings)
}

export function settingsHandlers(ctx: EngineContext): HandlerGroup<'getSettings' | 'updateSettings'> {
  // One patch at a time, in arrival order; a failed patch does not block the next.
  let chain: Promise<unknown> = Promise.resolve()
  return {
    getSettings: () => structuredClone(ctx.settings),
    updateSettings: (patch) => {
      const run = chain.then(() => applySettings(ctx, patch))
      chain = run.catch(() => undefined)
      return run
    }
  }
}
