// Electron's security checklist, item 18: the UI is served from `app://bundle/…`, never `file://`,
// with the CSP as a header.

import { readFile } from 'node:fs/promises'
import { protocol } from 'electron'
import { APP_CSP, APP_SCHEME, contentTypeFor, resolveBundlePath } from '../host/bundle-path'

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: relative URLs and a real origin; secure: no mixed-content downgrades;
      // corsEnabled + supportFetchAPI: Vite's `<script type="module" crossorigin>` loads over it.
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true }
    }
  ])
}

const BASE_HEADERS = {
  'content-security-policy': APP_CSP,
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store'
}

function notFound(): Response {
  return new Response('not found', { status: 404, headers: { ...BASE_HEADERS, 'content-type': 'text/plain' } })
}

/** Serves the built renderer; anything outside `rootDir` (or not a file) is a 404. */
export function serveBundle(rootDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: BASE_HEADERS })
    }
    const file = resolveBundlePath(rootDir, request.url)
    if (file === null) return notFound()
    try {
      const body = await readFile(file)
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { ...BASE_HEADERS, 'content-type': contentTypeFor(file) }
      })
    } catch {
      return notFound()
    }
  })
}
