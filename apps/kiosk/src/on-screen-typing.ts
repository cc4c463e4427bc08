// Which text field has the focus (for the kiosk's on-screen keyboard), and typing into it the way a
// physical keyboard would: at the caret, with the input event React listens to.
import { useEffect, useState } from 'react'
import type { KeyboardKey } from '@darwaza/ui/components/OnScreenKeyboard'

export type TypableField = HTMLInputElement | HTMLTextAreaElement

const typableInputTypes = new Set(['text', 'search', 'tel', 'email', 'url', 'password', 'number'])

function isTypable(element: Element | null): element is TypableField {
  if (element instanceof HTMLTextAreaElement) return !element.readOnly && !element.disabled
  return (
    element instanceof HTMLInputElement &&
    typableInputTypes.has(element.type) &&
    !element.readOnly &&
    !element.disabled &&
    // The sign-in screen has its own number pad.
    !element.closest('[data-own-keypad]')
  )
}

export function useFocusedField(enabled: boolean): TypableField | null {
  const [field, setField] = useState<TypableField | null>(null)
  useEffect(() => {
    if (!enabled) return
    const update = () => {
      const active = document.activeElement
      setField(isTypable(active) ? active : null)
    }
    // Focus moving between two fields passes through the body; wait for it to land.
    const settle = () => setTimeout(update, 0)
    document.addEventListener('focusin', update)
    document.addEventListener('focusout', settle)
    return () => {
      document.removeEventListener('focusin', update)
      document.removeEventListener('focusout', settle)
    }
  }, [enabled])
  useEffect(() => {
    // The keyboard covers the bottom of the screen: keep the field being filled above it.
    field?.scrollIntoView({ block: 'center' })
  }, [field])
  return field
}

export function isNumericField(field: TypableField): boolean {
  return ['numeric', 'tel', 'decimal'].includes(field.inputMode) || field.type === 'tel' || field.type === 'number'
}

export function typeInto(field: TypableField, key: KeyboardKey) {
  if (key === 'done') {
    field.blur()
    return
  }
  const value = field.value
  const canSelect = field.type !== 'number' && field.type !== 'email'
  const start = canSelect ? (field.selectionStart ?? value.length) : value.length
  const end = canSelect ? (field.selectionEnd ?? start) : value.length
  const next =
    key === 'backspace'
      ? start === end
        ? value.slice(0, Math.max(0, start - 1)) + value.slice(end)
        : value.slice(0, start) + value.slice(end)
      : value.slice(0, start) + key + value.slice(end)
  const caret = key === 'backspace' ? (start === end ? Math.max(0, start - 1) : start) : start + key.length
  // React tracks the value itself: set it through the native setter so the input event counts.
  const prototype = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype
  Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(field, next)
  field.dispatchEvent(new Event('input', { bubbles: true }))
  if (canSelect) field.setSelectionRange(caret, caret)
}
