// Maps `app://bundle/<path>` to a file of the built renderer. Plain Node (no electron import) so the
// traversal rules are tested directly; the protocol handler in app-protocol.ts only reads the file.

import { isAbsolute, relative, resolve, sep } from 'node:path'
import { uiContentSecurityPolicy } from '../http/csp'

export const APP_SCHEME = 'app'
export const APP_HOST = 'bundle'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** The UI talks only IPC: no network at all from the page (`connect-src 'none'`). */
export const APP_CSP = uiContentSecurityPolicy("'none'")

export { contentTypeFor } from '../http/content-types'

/**
 * The file under `rootDir` that an `app://bundle/...` URL names, or null when it names anything
 * else: another host or scheme, an encoded `..` or separator, a NUL byte, or a path escaping the root.
 * `/` is the entry page.
 */
export function resolveBundlePath(rootDir: string, url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  const segments = pathname.split('/').filter((s) => s !== '')
  if (segments.some((s) => s === '..' || s === '.')) return null
  const root = resolve(rootDir)
  const file = resolve(root, ...(segments.length === 0 ? ['index.html'] : segments))
  const rel = relative(root, file)
  if (rel === '' || rel.startsWith('..' + sep) || rel === '..' || isAbsolute(rel)) return null
  return file
}
