// The engine as the outer layers see it, with two additions: a host may refuse a settings change
// before the engine applies it (headless cannot turn off the mirror serving its page), and after a
// change succeeds the host re-applies what the engine does not own (the mirror, notifications) and
// persists it. Both the IPC handlers and the mirror's POST /settings go through this one handler.

import type { ApiHandlers } from '../../shared/contract'
import type { Settings, SettingsPatch } from '../../shared/settings'
import type { EngineFacade } from '../core/engine-facade'

/** Runs after the engine applied a change; the reply waits for it (e.g. the mirror on its new port). */
export type SettingsApplied = (settings: Settings, patch: SettingsPatch) => void | Promise<void>

/** Throws an ApiError to refuse a change before anything is applied. */
export type SettingsVeto = (patch: SettingsPatch) => void

export function withSettingsHook(
  engine: EngineFacade,
  onApplied: SettingsApplied,
  veto: SettingsVeto = () => {}
): EngineFacade {
  const handlers: ApiHandlers = {
    ...engine.handlers,
    async updateSettings(patch) {
      veto(patch)
      const settings = await engine.handlers.updateSettings(patch)
      await onApplied(settings, patch)
      return settings
    }
  }
  return {
    handlers,
    logger: engine.logger,
    tasks: engine.tasks,
    start: () => engine.start(),
    stop: () => engine.stop(),
    metricsText: () => engine.metricsText(),
    exportTrades: (symbol) => engine.exportTrades(symbol),
    exportTradeRange: (q) => engine.exportTradeRange(q),
    exportParquet: (q, file) => engine.exportParquet(q, file),
    setMirrorStatus: (status) => engine.setMirrorStatus(status),
    subscribe: (event, listener) => engine.subscribe(event, listener)
  }
}
