// The same `window.api` augmentation as `src/preload/index.d.ts`. Needed because a project that
// also includes `src/preload/index.ts` (tsconfig.test.json) skips the sibling `index.d.ts`;
// declaring it twice identically is harmless.
import type { IpcBridge } from '../../shared/ipc-bridge'

declare global {
  interface Window {
    api?: IpcBridge
  }
}
export {}
