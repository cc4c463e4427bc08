// Draws a receipt as an A4 PDF in the citizen's language. Urdu is set in Noto Nastaliq Urdu and
// Arabic in Noto Naskh Arabic (the fonts the kiosk ships, from npm), Latin text and codes in Helvetica.
// pdfkit shapes Arabic script with fontkit (patched: patches/fontkit@2.0.4.patch, for the Nastaliq
// font's mark anchors); the order of mixed right-to-left and left-to-right text is the Unicode
// Bidirectional Algorithm's (domain/bidi-lines.ts). Each line carries its text in reading order
// (ActualText), so copying, searching and screen readers get the words, not the glyphs' order.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'
import { layoutParagraph, type Piece } from '../domain/bidi-lines.ts'
import type { ReceiptDocument, ReceiptRow } from '../domain/receipt-document.ts'

const require = createRequire(import.meta.url)
const fontFiles = {
  nastaliq: '@fontsource/noto-nastaliq-urdu/files/noto-nastaliq-urdu-arabic-400-normal.woff',
  nastaliqBold: '@fontsource/noto-nastaliq-urdu/files/noto-nastaliq-urdu-arabic-700-normal.woff',
  naskh: '@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-400-normal.woff',
  naskhBold: '@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-700-normal.woff',
} as const
type EmbeddedFont = keyof typeof fontFiles
let loaded: Record<EmbeddedFont, Buffer> | undefined
const fonts = () =>
  (loaded ??= Object.fromEntries(
    Object.entries(fontFiles).map(([name, file]) => [name, readFileSync(require.resolve(file))]),
  ) as Record<EmbeddedFont, Buffer>)

/** Letters Urdu writes and Arabic does not: Urdu typed into an English receipt is set in Nastaliq. */
const urduLetters = /[\u0679\u0688\u0691\u06BA\u06BE\u06C1\u06C2\u06CC\u06D2\u06D3\u06A9\u06AF]/

const page = { width: 595.28, height: 841.89, margin: 56 }
const labelWidth = 170
const gap = 14

interface Style {
  size: number
  bold?: boolean
}

export async function drawReceiptPdf(receipt: ReceiptDocument, qrCode: Buffer): Promise<Buffer> {
  const { language } = receipt
  const rtl = language !== 'en'
  const document = new PDFDocument({
    size: 'A4',
    margin: page.margin,
    lang: language === 'ur' ? 'ur-PK' : language === 'ar' ? 'ar' : 'en-PK',
    info: { Title: receipt.title },
  })
  const chunks: Buffer[] = []
  document.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve) => document.on('end', () => resolve(Buffer.concat(chunks))))
  for (const [name, bytes] of Object.entries(fonts())) document.registerFont(name, bytes)

  const fontOf = (piece: Piece, style: Style): string => {
    if (piece.script === 'latin') return style.bold ? 'Helvetica-Bold' : 'Helvetica'
    const urdu = language === 'ur' || (language === 'en' && urduLetters.test(piece.text))
    return urdu ? (style.bold ? 'nastaliqBold' : 'nastaliq') : style.bold ? 'naskhBold' : 'naskh'
  }
  const metrics = new Map<string, { ascender: number; descender: number }>()
  const use = (font: string, size: number) => {
    document.font(font).fontSize(size)
    if (!metrics.has(font)) {
      // pdfkit keeps the current font's vertical metrics (in 1/1000 em) on its font object.
      const current = (document as unknown as { _font: { ascender: number; descender: number } })._font
      metrics.set(font, { ascender: current.ascender, descender: current.descender })
    }
    return metrics.get(font)!
  }
  // `features` makes pdfkit shape the whole piece at once; otherwise it shapes word by word and
  // puts the words of a right-to-left piece in the wrong order.
  const width = (piece: Piece, style: Style) => {
    use(fontOf(piece, style), style.size)
    return document.widthOfString(piece.text, { features: [] })
  }

  /** Ascent and descent (points) of a line that may hold any of these texts, in this style. */
  const lineMetrics = (texts: string[], style: Style) => {
    const used = new Set(['Helvetica'])
    for (const text of texts) {
      for (const line of layoutParagraph(text, { direction: 'auto', width: Infinity, measure: () => 0 }).lines) {
        for (const piece of line) used.add(fontOf(piece, style))
      }
    }
    let ascent = 0
    let descent = 0
    for (const font of used) {
      const { ascender, descender } = use(font, style.size)
      // The Arabic-script fonts' metrics allow for their tallest stacks; lines are set a little tighter.
      const factor = font === 'Helvetica' || font === 'Helvetica-Bold' ? 1 : 0.8
      ascent = Math.max(ascent, ((ascender * factor) / 1000) * style.size)
      descent = Math.max(descent, ((-descender * factor) / 1000) * style.size)
    }
    return { ascent, descent }
  }

  let y = page.margin
  /**
   * Lays out a paragraph in a column, aligned to the receipt's reading side, every line the height of
   * `metrics` (shared by a row's label and value so their baselines meet). Returns its height.
   */
  const paragraph = (
    text: string,
    column: { x: number; width: number },
    style: Style,
    options: { direction: 'ltr' | 'rtl' | 'auto'; metrics: { ascent: number; descent: number }; draw?: boolean },
  ): number => {
    const laid = layoutParagraph(text, {
      direction: options.direction,
      width: column.width,
      measure: (piece) => width(piece, style),
    })
    const height = options.metrics.ascent + options.metrics.descent
    if (options.draw !== false) {
      laid.lines.forEach((pieces, index) => {
        const used = pieces.map((piece) => ({ piece, font: fontOf(piece, style), width: width(piece, style) }))
        const baseline = y + index * height + options.metrics.ascent
        const lineWidth = used.reduce((sum, { width: pieceWidth }) => sum + pieceWidth, 0)
        let x = rtl ? column.x + column.width - lineWidth : column.x
        document.markContent('Span', { actual: laid.texts[index] ?? '' })
        for (const { piece, font, width: pieceWidth } of used) {
          use(font, style.size)
          document.text(piece.text, x, baseline, { lineBreak: false, baseline: 'alphabetic', features: [] })
          x += pieceWidth
        }
        document.endMarkedContent()
      })
    }
    return laid.lines.length * height
  }
  const fullWidth = { x: page.margin, width: page.width - 2 * page.margin }
  const ensureRoom = (height: number) => {
    if (y + height > page.height - page.margin) {
      document.addPage()
      y = page.margin
    }
  }
  const block = (text: string, style: Style, direction: 'ltr' | 'rtl' | 'auto' = rtl ? 'rtl' : 'ltr') => {
    const metrics = lineMetrics([text], style)
    const height = paragraph(text, fullWidth, style, { direction, metrics, draw: false })
    ensureRoom(height)
    paragraph(text, fullWidth, style, { direction, metrics })
    y += height
  }
  const row = ({ label, value, ltr }: ReceiptRow) => {
    const style = { size: 10.5 }
    const labelStyle = { ...style, bold: true }
    const labelColumn = rtl
      ? { x: page.width - page.margin - labelWidth, width: labelWidth }
      : { x: page.margin, width: labelWidth }
    const valueColumn = rtl
      ? { x: page.margin, width: fullWidth.width - labelWidth - gap }
      : { x: page.margin + labelWidth + gap, width: fullWidth.width - labelWidth - gap }
    const labelMetrics = lineMetrics([label, value], labelStyle)
    const valueMetrics = lineMetrics([label, value], style)
    const metrics = {
      ascent: Math.max(labelMetrics.ascent, valueMetrics.ascent),
      descent: Math.max(labelMetrics.descent, valueMetrics.descent),
    }
    const labelOptions = { direction: rtl ? ('rtl' as const) : ('ltr' as const), metrics }
    // A code (tracking number, PSID) reads left to right in every language; other values take the
    // direction of their own text.
    const valueOptions = { direction: ltr ? ('ltr' as const) : ('auto' as const), metrics }
    const height = Math.max(
      paragraph(label, labelColumn, labelStyle, { ...labelOptions, draw: false }),
      paragraph(value, valueColumn, style, { ...valueOptions, draw: false }),
    )
    ensureRoom(height)
    paragraph(label, labelColumn, labelStyle, labelOptions)
    paragraph(value, valueColumn, style, valueOptions)
    y += height + 3
  }

  block(receipt.title, { size: 20, bold: true })
  y += 10
  for (const section of receipt.sections) {
    if (section.heading) {
      y += 8
      block(section.heading, { size: 14, bold: true })
      y += 2
    }
    for (const entry of section.rows) row(entry)
  }
  // The QR code on the reading side, with how to check the receipt and the signature beside it.
  y += 12
  const qrSize = 110
  ensureRoom(qrSize)
  document.image(qrCode, rtl ? page.width - page.margin - qrSize : page.margin, y, { width: qrSize })
  const beside = rtl
    ? { x: page.margin, width: fullWidth.width - qrSize - gap }
    : { x: page.margin + qrSize + gap, width: fullWidth.width - qrSize - gap }
  const footer = y
  y += 8
  for (const [text, style, direction] of [
    [receipt.checkAt, { size: 9.5 }, rtl ? 'rtl' : 'ltr'],
    [receipt.signature.label, { size: 8, bold: true }, rtl ? 'rtl' : 'ltr'],
    [receipt.signature.value, { size: 7 }, 'ltr'],
  ] as const) {
    y += paragraph(text, beside, style, { direction, metrics: lineMetrics([text], style) }) + 4
  }
  y = Math.max(y, footer + qrSize)
  document.end()
  return done
}
