import type { Settings, SettingsPatch } from '../../../shared/settings'
import { applySettingsPatch } from '../../../shared/validate'
import type { EngineContext, HandlerGroup } from './context'
import { recordingFile } from './recording-file'
import { restartForwarding } from './forwarding'
import { logChangedTotals, storageTotals } from './storage-totals'

const COLLECTOR_KEYS = ['category', 'symbols', 'wsUrl', 'restUrl', 'testnet', 'proxy'] as const

/**
 * Applies one patch live: resize storage, reopen the recorder, rebuild the collectors when their recipe
 * changed. `ctx.settings` becomes the new settings once applied, so it never names a recipe not yet running.
 */
async function applySettings(ctx: EngineContext, patch: SettingsPatch): Promise<Settings> {
  const { engineLog, manager, lifecycle, wiring } = ctx
  const before = ctx.settings
  const next = applySettingsPatch(before, patch)
  const changed: string[] = Object.keys(patch)
  const restart = COLLECTOR_KEYS.some((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]))
  try {
    if (next.maxTradesPerSymbol !== before.maxTradesPerSymbol) {
      const totals = storageTotals(ctx.storage)
      ctx.storage.resize(next.maxTradesPerSymbol)
      engineLog.info(`Storage limit set to ${next.maxTradesPerSymbol} trades per symbol`)
      logChangedTotals(ctx.log, ctx.storage, totals)
    }
    if (next.memoryBudgetMb !== before.memoryBudgetMb) {
      const totals = storageTotals(ctx.storage)
      ctx.storage.setMemoryBudget(next.memoryBudgetMb)
      engineLog.info(`Storage memory budget set to ${next.memoryBudgetMb} MB`)
      logChangedTotals(ctx.log, ctx.storage, totals)
    }
    const recording = recordingFile(next, ctx.persistence.dataDir)
    if (recording !== recordingFile(before, ctx.persistence.dataDir)) {
      await wiring.closeRecorder()
      if (lifecycle.running) wiring.openRecorder(recording)
    }
    if (JSON.stringify(next.persist) !== JSON.stringify(before.persist)) {
      await ctx.persistence.apply(ctx, before, next)
    }
    if (JSON.stringify(next.publish) !== JSON.stringify(before.publish)) {
      ctx.settings = next
      await restartForwarding(ctx, lifecycle.running)
    }
    if (restart) {
      engineLog.info(`Settings changed (${changed.join(', ')}): restarting collectors`)
      await manager.stopAll('restart')
      manager.configure([wiring.specFor(next)])
      if (lifecycle.running) manager.startAll()
    } else if (changed.length > 0) engineLog.info(`Settings changed (${changed.join(', ')})`)
  } finally {
    ctx.settings = next
  }
  return structuredClone(ctx.settings)
}

export function settingsHandlers(ctx: EngineContext): HandlerGroup<'getSettings' | 'updateSettings'> {
  return {
    getSettings: () => structuredClone(ctx.settings),
    // On the engine's change queue: one patch at a time, never while a pause or a restart runs.
    updateSettings: (patch) => ctx.serial(() => applySettings(ctx, patch))
  }
}
