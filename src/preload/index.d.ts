// `window.api`: what the preload exposes in Electron (absent in a browser, where the renderer
// talks HTTP + SSE to the mirror instead).
import type { IpcBridge } from '../shared/ipc-bridge'

declare global {
  interface Window {
    api?: IpcBridge
  }
}
export {}
