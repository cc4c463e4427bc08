// An on-screen keyboard for kiosks without a physical one: English, Urdu and Arabic letter layouts
// (following the screen's language) and a number pad for numeric fields. Its keys never take the
// focus, so the field being filled keeps it. Rows run left to right in every language, as on the
// physical Urdu (phonetic) and Arabic keyboards people already know.
import { useState } from 'react'

type Layout = 'en' | 'ur' | 'ar' | 'digits'

const layouts: Record<Layout, string[][]> = {
  en: [
    ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
    ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
    ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', '-'],
    ['z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '@'],
  ],
  ur: [
    ['۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹', '۰'],
    ['ق', 'و', 'ع', 'ر', 'ت', 'ٹ', 'ے', 'ی', 'ہ', 'پ', 'ھ'],
    ['ا', 'آ', 'س', 'ش', 'د', 'ڈ', 'ف', 'گ', 'ح', 'ج', 'ک', 'ل'],
    ['ز', 'ذ', 'ژ', 'خ', 'چ', 'ث', 'ص', 'ض', 'ط', 'ظ', 'ب', 'ن', 'م'],
    ['ں', 'ڑ', 'غ', 'ء', 'ئ', 'ۓ', 'ؤ', '،', '۔', '؟'],
  ],
  ar: [
    ['١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩', '٠'],
    ['ض', 'ص', 'ث', 'ق', 'ف', 'غ', 'ع', 'ه', 'خ', 'ح', 'ج', 'د'],
    ['ش', 'س', 'ي', 'ب', 'ل', 'ا', 'ت', 'ن', 'م', 'ك', 'ط'],
    ['ئ', 'ء', 'ؤ', 'ر', 'ى', 'ة', 'و', 'ز', 'ظ', 'ذ', 'أ', 'إ'],
  ],
  digits: [
    ['1', '2', '3'],
    ['4', '5', '6'],
    ['7', '8', '9'],
    ['-', '0', '+'],
  ],
}

export type KeyboardKey = string | 'backspace' | 'done'

export function OnScreenKeyboard({
  layout,
  label,
  texts,
  onKey,
}: {
  layout: Layout
  label: string
  texts: { space: string; backspace: string; done: string; shift: string }
  onKey(key: KeyboardKey): void
}) {
  const [shift, setShift] = useState(false)
  const keep = (event: { preventDefault(): void }) => event.preventDefault()
  const rows = layouts[layout].map((row) => (shift && layout === 'en' ? row.map((key) => key.toUpperCase()) : row))
  return (
    <div
      className="dz-keyboard"
      role="group"
      aria-label={label}
      dir="ltr"
      lang={layout === 'digits' ? undefined : layout}
      data-testid="on-screen-keyboard"
      onPointerDown={keep}
      onMouseDown={keep}
    >
      {rows.map((row, index) => (
        <div key={index} className="dz-keyboard__row">
          {row.map((key) => (
            <button key={key} type="button" tabIndex={-1} onClick={() => onKey(key)}>
              {key}
            </button>
          ))}
        </div>
      ))}
      <div className="dz-keyboard__row">
        {layout === 'en' ? (
          <button type="button" tabIndex={-1} aria-pressed={shift} onClick={() => setShift(!shift)}>
            {texts.shift}
          </button>
        ) : null}
        {layout === 'digits' ? null : (
          <button type="button" tabIndex={-1} className="dz-keyboard__space" onClick={() => onKey(' ')}>
            {texts.space}
          </button>
        )}
        <button type="button" tabIndex={-1} onClick={() => onKey('backspace')} aria-label={texts.backspace}>
          ⌫
        </button>
        <button type="button" tabIndex={-1} onClick={() => onKey('done')}>
          {texts.done}
        </button>
      </div>
    </div>
  )
}
