// Headless serve's host: the desktop app's mirror control, feed watch and settings hook, so a
// settings change from the browser UI or POST /settings moves the mirror and retunes the feed-down
// alerts exactly as the desktop's does. One rule is headless only: the mirror cannot be turned off
// from the page it serves.

import { ApiError } from '../../shared/contract'
import type { Settings, SettingsPatch } from '../../shared/settings'
import type { EngineFacade } from '../core/engine-facade'
import { FeedWatch } from './feed-watch'
import { MirrorControl, type StartMirror } from './mirror-control'
import { withSettingsHook } from './settings-hook'

export const MIRROR_OFF_REFUSED =
  'the HTTP mirror cannot be turned off in browser mode: it serves this page and the API. ' +
  'Stop serve (Ctrl-C), or start it with --no-mirror'

export function refuseMirrorOff(patch: SettingsPatch): void {
  if (patch.mirror?.enabled === false) throw new ApiError('bad_request', MIRROR_OFF_REFUSED)
}

export interface HeadlessHostOptions {
  start: StartMirror
  token: string
  /** The built browser UI; null: API only. */
  staticDir: string | null
  retireAfterMs?: number
  /** The feed-down alerts' settings at start (logged as warnings: headless has no notifications). */
  notifications: Settings['notifications']
}

export interface HeadlessHost {
  /** The engine with the settings hook: what the mirror serves. */
  readonly engine: EngineFacade
  readonly mirror: MirrorControl
  /** Stops the mirror and the feed watch. */
  close(): Promise<void>
}

export function hostHeadless(core: EngineFacade, options: HeadlessHostOptions): HeadlessHost {
  const { notifications, ...mirrorOptions } = options
  const engine = withSettingsHook(
    core,
    (applied) => {
      feedWatch.configure(applied.notifications)
      return mirror.apply(applied.mirror)
    },
    refuseMirrorOff
  )
  const mirror = new MirrorControl({ engine, ...mirrorOptions })
  const feedWatch = new FeedWatch(engine, notifications)
  return {
    engine,
    mirror,
    close: async () => {
      feedWatch.dispose()
      await mirror.close()
    }
  }
}
