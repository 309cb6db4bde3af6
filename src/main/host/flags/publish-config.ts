// The forwarder's config from the --publish flags (serve, demo): null when --publish is not given.

import { FORWARD_DEFAULTS, forwardConfig, type ForwardConfig } from '../../core/forward/forward-config'
import type { FlagValues } from './parse-command-line'

export type PublishFlag =
  | 'publish'
  | 'publishCreds'
  | 'publishTlsCa'
  | 'publishStream'
  | 'publishNoCreate'
  | 'publishMaxAgeHours'
  | 'publishMaxGb'
  | 'publishInFlight'

export function publishConfig(v: Partial<FlagValues<PublishFlag>>): ForwardConfig | null {
  if (v.publish === undefined) return null
  const gb = v.publishMaxGb ?? 0
  return forwardConfig(v.publish, {
    credsFile: v.publishCreds ?? null,
    tlsCaFile: v.publishTlsCa ?? null,
    stream: v.publishStream ?? FORWARD_DEFAULTS.stream,
    createStream: v.publishNoCreate !== true,
    limits: {
      maxAgeMs: Math.round((v.publishMaxAgeHours ?? FORWARD_DEFAULTS.limits.maxAgeMs / 3_600_000) * 3_600_000),
      maxBytes: gb > 0 ? Math.round(gb * 1024 ** 3) : -1
    },
    maxInFlight: v.publishInFlight ?? FORWARD_DEFAULTS.maxInFlight
  })
}
