export { startMirror, DEFAULT_MIRROR_LIMITS, MIRROR_HOST } from './server'
export type { MirrorHandle, MirrorLimits, MirrorOptions } from './server'
export { createMirrorToken, TOKEN_HEADER } from './security'
