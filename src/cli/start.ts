// `npm start`: the desktop app through electron-vite preview, with a clear explanation when Chromium's
// Linux sandbox stops it (see docs/troubleshooting.md).

import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { launchWatched } from '../main/host/desktop-launch'

const require = createRequire(__filename)
const bin = join(dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js')

launchWatched({
  command: process.execPath,
  args: [bin, 'preview', ...process.argv.slice(2)],
  stderr: process.stderr,
  signals: process
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  }
)
