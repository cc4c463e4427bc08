// The text of a PDF the gateway made, in reading order: every line of a Darwaza receipt carries its
// words as ActualText (the glyphs of Urdu and Arabic are stored in visual order and shaped forms).
import { inflateSync } from 'node:zlib'

const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' }

function decodePdfString(literal: string): string {
  const bytes = literal.replace(
    /\\([nrtbf()\\]|[0-7]{1,3})/g,
    (_, escaped: string) => escapes[escaped] ?? String.fromCharCode(parseInt(escaped, 8)),
  )
  const buffer = Buffer.from(bytes, 'latin1')
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return buffer.subarray(2).swap16().toString('utf16le')
  return bytes
}

/** Each marked line's ActualText, in the order the pages draw them. */
export function pdfLines(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1')
  const lines: string[] = []
  for (const match of raw.matchAll(/<<([^]*?)>>\s*stream\r?\n/g)) {
    const start = match.index + match[0].length
    const end = raw.indexOf('\nendstream', start)
    let content = pdf.subarray(start, end)
    if (match[1]?.includes('/FlateDecode')) {
      try {
        content = inflateSync(content)
      } catch {
        continue
      }
    }
    for (const text of content.toString('latin1').matchAll(/\/ActualText \(((?:\\.|[^\\)])*)\)/g)) {
      lines.push(decodePdfString(text[1] ?? ''))
    }
  }
  return lines
}
