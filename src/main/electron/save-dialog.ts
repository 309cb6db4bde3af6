// The desktop app's Export asks where to save with the system's save dialog; main then writes the
// file (src/main/core/durable/file-export.ts, plain Node and tested there).

import { join } from 'node:path'
import { app, dialog, type BrowserWindow, type SaveDialogOptions } from 'electron'
import type { ChooseFile } from '../core/durable/file-export'

export function saveDialogChooser(window: () => BrowserWindow | null): ChooseFile {
  return async (suggestedName) => {
    const parquet = suggestedName.endsWith('.parquet')
    const options: SaveDialogOptions = {
      title: 'Export trades',
      defaultPath: join(app.getPath('downloads'), suggestedName),
      filters: [parquet ? { name: 'Parquet', extensions: ['parquet'] } : { name: 'CSV', extensions: ['csv'] }]
    }
    const parent = window()
    const answer = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
    return answer.canceled || answer.filePath === '' ? null : answer.filePath
  }
}
