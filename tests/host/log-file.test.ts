// The desktop app's log file in a real temporary folder: the lines are serve's stdout lines, the
// file rotates by size keeping a fixed number, and a folder that cannot be written is reported once.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import type { LogEntry, LogLevel } from '../../src/shared/dto'
import { formatLogLine } from '../../src/main/core/log/engine-log'
import { LogFile } from '../../src/main/host/log-file'

let dir = ''
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = ''
})
const tempDir = (): string => (dir = mkdtempSync(join(tmpdir(), 'mdm-log-file-')))

let seq = 0
const entry = (message: string, level: LogLevel = 'INFO'): LogEntry => ({
  seq: ++seq,
  at: Date.UTC(2026, 11, 2, 10, 0, 0, seq),
  level,
  logger: 'bybit_trades',
  message
})

describe('the log file in the data dir', () => {
  test('holds each entry at or above the level as the stdout line, in a folder it creates', () => {
    const logs = join(tempDir(), 'logs')
    const file = new LogFile({ dir: logs, minLevel: 'INFO', onError: () => {} })
    const written = [entry('Connected'), entry('Reconnecting in 1 s', 'WARNING')]
    file.write(written[0] as LogEntry)
    file.write(entry('per-frame detail', 'DEBUG'))
    file.write(written[1] as LogEntry)
    file.close()
    expect(readFileSync(join(logs, 'market-data-monitor.log'), 'utf8')).toBe(
      written.map((e) => `${formatLogLine(e)}\n`).join('')
    )
  })

  test('rotates by size and keeps only the newest files, the oldest lines dropped', () => {
    const logs = tempDir()
    const line = (i: number): string => `line ${String(i).padStart(3, '0')}`
    const size = Buffer.byteLength(`${formatLogLine(entry(line(0)))}\n`)
    const file = new LogFile({ dir: logs, minLevel: 'INFO', maxBytes: size * 2, kept: 3, onError: () => {} })
    for (let i = 1; i <= 7; i++) file.write(entry(line(i)))
    file.close()
    expect(readdirSync(logs).sort()).toEqual([
      'market-data-monitor.1.log',
      'market-data-monitor.2.log',
      'market-data-monitor.log'
    ])
    const lines = (name: string): string[] =>
      readFileSync(join(logs, name), 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => l.slice(l.lastIndexOf(' - ') + 3))
    expect(lines('market-data-monitor.2.log')).toEqual([line(3), line(4)])
    expect(lines('market-data-monitor.1.log')).toEqual([line(5), line(6)])
    expect(lines('market-data-monitor.log')).toEqual([line(7)])
  })

  test('a file already full from the last run is rotated before the first new line', () => {
    const logs = tempDir()
    writeFileSync(join(logs, 'market-data-monitor.log'), 'x'.repeat(100))
    const file = new LogFile({ dir: logs, minLevel: 'INFO', maxBytes: 120, onError: () => {} })
    file.write(entry('first of this run'))
    file.close()
    expect(readFileSync(join(logs, 'market-data-monitor.1.log'), 'utf8')).toBe('x'.repeat(100))
    expect(readFileSync(join(logs, 'market-data-monitor.log'), 'utf8')).toContain('first of this run')
  })

  test('a folder that cannot be written is reported once, and writing never throws', () => {
    // A file where the folder should be (a read-only folder does not stop root, who runs CI here).
    const blocked = join(tempDir(), 'not-a-folder')
    writeFileSync(blocked, '')
    const logs = join(blocked, 'logs')
    const reports: string[] = []
    const file = new LogFile({ dir: logs, minLevel: 'INFO', onError: (m) => reports.push(m) })
    expect(() => {
      file.write(entry('one'))
      file.write(entry('two'))
    }).not.toThrow()
    expect(reports).toHaveLength(1)
    expect(reports[0]).toMatch(/^The log file .*market-data-monitor\.log cannot be written \((EEXIST|ENOTDIR)/)
  })
})
