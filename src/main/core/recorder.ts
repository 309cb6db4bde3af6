import { createWriteStream, type WriteStream } from 'node:fs'
import type { NamedLog } from './log/engine-log'

/**
 * `--record FILE`: every raw frame as one NDJSON line, replayable by the simulator. Frames are
 * written as received; the rare multi-line frame is compacted so each line is one JSON document.
 */
export class FrameRecorder {
  private readonly stream: WriteStream
  private failed = false
  frames = 0

  constructor(
    readonly file: string,
    private readonly log: NamedLog
  ) {
    this.stream = createWriteStream(file, { flags: 'a' })
    this.stream.on('error', (e) => {
      if (!this.failed) this.log.error(`Recording to ${file} failed: ${e.message}`, 'record_failed')
      this.failed = true
    })
  }

  write(text: string): void {
    if (this.failed) return
    let line = text
    if (text.includes('\n') || text.includes('\r')) {
      try {
        line = JSON.stringify(JSON.parse(text))
      } catch {
        line = text.replace(/[\r\n]+/g, ' ')
      }
    }
    this.stream.write(line + '\n')
    this.frames++
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.stream.closed || this.stream.destroyed) return resolve()
      this.stream.once('close', () => resolve())
      this.stream.end()
    })
  }
}
