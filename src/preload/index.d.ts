// `window.api`: what the preload exposes in Electron (absent in a browser, where the renderer
// talks HTTP + SSE to the mirror instead).
import type { Api } from '../shared/contract'

declare global {
  interface Window {
    api?: Api
  }
}
export {}
