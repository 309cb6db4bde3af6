import type { JSX } from 'react'

/** A fix hint or diagnostics advice: the commands it quotes in backticks shown as code, ready to copy. */
export function FixText({ text }: { text: string }): JSX.Element {
  return <>{text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>
}
