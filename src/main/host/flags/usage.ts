// --help of every entry point, generated from the flag table.

import { COMMANDS, type CommandName } from './commands'
import { FLAGS } from './flag-table'
import type { FlagSpec } from './flag-spec'

const COLUMN = 30

function defaultText(flag: FlagSpec): string | null {
  if (flag.defaultHelp !== undefined) return flag.defaultHelp
  if (flag.default === undefined || flag.default === false) return null
  return Array.isArray(flag.default) ? flag.default.join(',') : String(flag.default)
}

function flagLine(flag: FlagSpec): string {
  const left = `--${flag.name}${flag.type === 'string' ? ` ${flag.valueName}` : ''}`
  const dflt = defaultText(flag)
  const notes = [dflt === null ? null : `default ${dflt}`, flag.env === null ? null : `env ${flag.env}`]
    .filter((n) => n !== null)
    .join('; ')
  return `  ${left.padEnd(COLUMN)} ${flag.help}${notes === '' ? '' : ` (${notes})`}`
}

/** Splits a paragraph at spaces into lines of at most `width` characters. */
function wrap(text: string, width = 100): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  return [...lines, line]
}

export function usage(command: CommandName): string {
  const spec = COMMANDS[command]
  return [
    `Usage: ${spec.usage}`,
    '',
    ...wrap(spec.about),
    '',
    'Flags:',
    ...spec.flags.map((id) => flagLine(FLAGS[id])),
    `  ${'--help, -h'.padEnd(COLUMN)} this text`
  ].join('\n')
}
