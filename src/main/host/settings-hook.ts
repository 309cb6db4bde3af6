// The engine as the outer layers see it, with one addition: after a settings change succeeds, the
// desktop app persists it and re-applies what the engine does not own (the mirror, notifications).
// Both the IPC handlers and the mirror's POST /settings go through this one wrapped handler.

import type { ApiHandlers } from '../../shared/contract'
import type { Settings, SettingsPatch } from '../../shared/settings'
import type { EngineFacade } from '../core/engine-facade'

export type SettingsApplied = (settings: Settings, patch: SettingsPatch) => void

export function withSettingsHook(engine: EngineFacade, onApplied: SettingsApplied): EngineFacade {
  const handlers: ApiHandlers = {
    ...engine.handlers,
    async updateSettings(patch) {
      const settings = await engine.handlers.updateSettings(patch)
      onApplied(settings, patch)
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
    setMirrorStatus: (status) => engine.setMirrorStatus(status),
    subscribe: (event, listener) => engine.subscribe(event, listener)
  }
}
