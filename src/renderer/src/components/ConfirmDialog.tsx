import { useEffect, useRef } from 'react'
import './confirm-dialog.css'

/**
 * A modal question with a safe default (Cancel has focus; Esc cancels). A native `<dialog>` opened
 * with `showModal()`: the browser makes the rest of the page inert and screen readers see only the
 * question. Chromium still lets Tab step past the last button into its own toolbar, so Tab and
 * Shift+Tab wrap at the dialog's edges.
 */
export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  onConfirm,
  onCancel
}: {
  title: string
  body: string
  confirmLabel: string
  onConfirm: () => void
  onCancel: () => void
}) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const cancelRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    if (!dialog.open) dialog.showModal()
    cancelRef.current?.focus()
    return () => dialog.close()
  }, [])
  return (
    <dialog
      ref={dialogRef}
      className="modal"
      role="alertdialog"
      aria-labelledby="confirm-title"
      data-testid="confirm-dialog"
      // Esc: the browser's own close request, turned into our cancel (the parent unmounts us)
      onCancel={(e) => {
        e.preventDefault()
        onCancel()
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Tab') return
        const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')]
        const edge = e.shiftKey ? buttons[0] : buttons[buttons.length - 1]
        if (!edge || document.activeElement !== edge) return
        e.preventDefault()
        ;(e.shiftKey ? buttons[buttons.length - 1] : buttons[0]).focus()
      }}
      // a click on the backdrop lands on the dialog element itself, outside its content box
      onClick={(e) => {
        if (e.target === e.currentTarget) onCancel()
      }}
    >
      <div className="modal-body">
        <h3 id="confirm-title">{title}</h3>
        <p>{body}</p>
        <div className="modal-actions">
          <button ref={cancelRef} className="btn" onClick={onCancel} data-testid="confirm-cancel">
            Cancel
          </button>
          <button className="btn danger" onClick={onConfirm} data-testid="confirm-ok">
            {confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  )
}
