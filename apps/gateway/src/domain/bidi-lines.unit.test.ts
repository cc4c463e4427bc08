import { describe, expect, it } from 'vitest'
import { layoutParagraph, type Piece } from './bidi-lines.ts'

const measure = (piece: Piece) => [...piece.text].length
const layout = (text: string, direction: 'ltr' | 'rtl' | 'auto', width = 100) =>
  layoutParagraph(text, { direction, width, measure })

describe('paragraphs of mixed direction laid out in lines', () => {
  it('keeps English as it is', () => {
    expect(layout('Tracking number DZ-1234', 'auto')).toEqual({
      rtl: false,
      lines: [[{ text: 'Tracking number DZ-1234', script: 'latin' }]],
      texts: ['Tracking number DZ-1234'],
    })
  })

  it('keeps an Urdu phrase in one piece in logical order, for the shaper to lay right to left', () => {
    expect(layout('ٹریکنگ نمبر', 'rtl')).toEqual({
      rtl: true,
      lines: [[{ text: 'ٹریکنگ نمبر', script: 'arabic' }]],
      texts: ['ٹریکنگ نمبر'],
    })
  })

  it('puts numbers and Latin codes inside Urdu in their place, left to right', () => {
    // Logical: "<label> 80 حروف" — visually the number sits left of the label, the word left of it.
    const { lines } = layout('نام میں 80 حروف', 'rtl')
    expect(lines).toEqual([
      [
        { text: 'حروف', script: 'arabic' },
        { text: ' 80', script: 'latin' },
        // The space after the label belongs to it: the shaper draws it at the label's left.
        { text: 'نام میں ', script: 'arabic' },
      ],
    ])
    expect(layout('کوڈ LHR-123456 درج کریں', 'rtl').lines).toEqual([
      [
        { text: 'درج کریں', script: 'arabic' },
        { text: ' LHR-123456', script: 'latin' },
        { text: 'کوڈ ', script: 'arabic' },
      ],
    ])
  })

  it('mirrors brackets that run right to left', () => {
    expect(layout('رقم (PSID)', 'rtl').lines).toEqual([
      [
        { text: '(PSID)', script: 'latin' },
        { text: 'رقم ', script: 'arabic' },
      ],
    ])
  })

  it('takes the direction of its first letters when asked to', () => {
    expect(layout('Lahore میں', 'auto').rtl).toBe(false)
    expect(layout('لاہور in Punjab', 'auto').rtl).toBe(true)
  })

  it('wraps at spaces to the width, line by line in reading order, and cuts a word too long for a line', () => {
    expect(layout('ایک دو تین چار', 'rtl', 7).lines).toEqual([
      [{ text: 'ایک دو', script: 'arabic' }],
      [{ text: 'تین چار', script: 'arabic' }],
    ])
    expect(layout('ایک دو تین چار', 'rtl', 7).texts).toEqual(['ایک دو', 'تین چار'])
    expect(layout('ZZZZZZZZZZ end', 'ltr', 4).lines.map((line) => line.map((piece) => piece.text).join(''))).toEqual([
      'ZZZZ',
      'ZZZZ',
      'ZZ',
      'end',
    ])
  })

  it('draws Urdu digits, which run left to right, one at a time', () => {
    expect(layout('نمبر ۱۲', 'rtl').lines).toEqual([
      [
        { text: '۱', script: 'arabic' },
        { text: '۲', script: 'arabic' },
        { text: 'نمبر ', script: 'arabic' },
      ],
    ])
  })
})
