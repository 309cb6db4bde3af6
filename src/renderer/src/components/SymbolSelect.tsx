/** A symbol picker with "All symbols" first (value ''), as the tape filter and the Export dialog use it. */
export function SymbolSelect({
  symbols,
  value,
  onChange,
  testId,
  disabled
}: {
  symbols: readonly string[]
  value: string
  onChange: (symbol: string) => void
  testId: string
  disabled?: boolean
}) {
  return (
    <select
      className="input"
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
      data-testid={testId}
    >
      <option value="">All symbols</option>
      {symbols.map((s) => (
        <option key={s} value={s}>
          {s}
        </option>
      ))}
    </select>
  )
}
