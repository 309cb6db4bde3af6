// In browser mode the page lives on the mirror: when a settings change moved the mirror to another
// port, the page follows it there. The old port answers a few seconds more, long enough to ask it.

import type { Api } from '../../../shared/contract'

/** The page's location, as much as this needs of it. */
export interface PageLocation {
  protocol: string
  hostname: string
  port: string
}

export type MirrorMove = { kind: 'moved'; url: string } | { kind: 'stayed' } | { kind: 'failed'; error: string }

/** Where the page must go now that the mirror settings changed. */
export async function mirrorMove(api: Pick<Api, 'getRuntime'>, page: PageLocation): Promise<MirrorMove> {
  const { mirror } = await api.getRuntime()
  if (mirror.state !== 'listening' || mirror.url === null)
    return { kind: 'failed', error: mirror.error ?? `the mirror is ${mirror.state} on port ${mirror.port}` }
  const port = new URL(mirror.url).port
  // Same host name as the page (localhost or 127.0.0.1: the mirror accepts both), new port.
  return port === page.port ? { kind: 'stayed' } : { kind: 'moved', url: `${page.protocol}//${page.hostname}:${port}/` }
}
