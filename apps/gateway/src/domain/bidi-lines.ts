// Lays a paragraph of mixed Urdu/Arabic and Latin text out in lines for a page: wrapped at spaces to
// a width, then each line put in visual order by the Unicode Bidirectional Algorithm (bidi-js), as
// pieces drawn left to right. A piece in Arabic script keeps its logical order (the font shaper joins
// its letters and lays it right to left); any other piece comes in display order, with brackets
// mirrored where it runs right to left. Pure: the caller measures pieces in its own fonts.
import bidiFactory from 'bidi-js'

const bidi = bidiFactory()

export type Script = 'arabic' | 'latin'

/** A piece of a line in one script; pieces come left to right. */
export interface Piece {
  text: string
  script: Script
}

export interface LaidParagraph {
  /** The paragraph runs right to left: its lines are aligned to the right. */
  rtl: boolean
  lines: Piece[][]
  /** Each line's text in reading (logical) order. */
  texts: string[]
}

const arabicScript = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF\u200C\u200D]/
const space = /\s/

function scriptsOf(text: string): Script[] {
  const own = [...text].map((char): Script | null =>
    space.test(char) ? null : arabicScript.test(char) ? 'arabic' : 'latin',
  )
  // A space takes the script of the text before it (else after it), so a phrase stays one piece.
  return own.map((script, index) => {
    if (script) return script
    for (let back = index - 1; back >= 0; back--) if (own[back]) return own[back]!
    for (let ahead = index + 1; ahead < own.length; ahead++) if (own[ahead]) return own[ahead]!
    return 'latin'
  })
}

/** Runs of one script in logical order, for measuring. */
function logicalPieces(chars: string[], scripts: Script[], start: number, end: number): Piece[] {
  const pieces: Piece[] = []
  for (let index = start; index < end; index++) {
    const last = pieces.at(-1)
    if (last && last.script === scripts[index]) last.text += chars[index]
    else pieces.push({ text: chars[index]!, script: scripts[index]! })
  }
  return pieces
}

export function layoutParagraph(
  text: string,
  options: { direction: 'ltr' | 'rtl' | 'auto'; width: number; measure(piece: Piece): number },
): LaidParagraph {
  // bidi-js works in UTF-16 code units; keep to characters of the Basic Multilingual Plane one to one.
  const chars = [...text].map((char) => (char.length > 1 ? '\uFFFD' : char))
  const flat = chars.join('')
  const levels = bidi.getEmbeddingLevels(flat, options.direction)
  const rtl = ((levels.paragraphs[0]?.level ?? 0) & 1) === 1
  const scripts = scriptsOf(flat)
  const widthOf = (start: number, end: number) =>
    logicalPieces(chars, scripts, start, end).reduce((sum, piece) => sum + options.measure(piece), 0)

  // Words end after their spaces; a word wider than the line is cut where it must be.
  const words: [number, number][] = []
  for (let start = 0; start < chars.length;) {
    let end = start
    while (end < chars.length && !space.test(chars[end]!)) end++
    while (end < chars.length && space.test(chars[end]!)) end++
    let from = start
    while (from < end && widthOf(from, end) > options.width) {
      let cut = from + 1
      while (cut < end && widthOf(from, cut + 1) <= options.width) cut++
      words.push([from, cut])
      from = cut
    }
    if (from < end) words.push([from, end])
    start = end
  }
  const lineRanges: [number, number][] = []
  for (const [start, end] of words) {
    const current = lineRanges.at(-1)
    if (current && widthOf(current[0], end) <= options.width) current[1] = end
    else lineRanges.push([start, end])
  }

  const lines = lineRanges.map(([start, rawEnd]) => {
    let end = rawEnd
    while (end > start && space.test(chars[end - 1]!)) end--
    if (end === start) return []
    const order = Array.from({ length: end - start }, (_, offset) => start + offset)
    // Each segment reverses positions of the line as it stands after the segments before it.
    for (const [from, to] of bidi.getReorderSegments(flat, levels, start, end - 1)) {
      const low = from! - start
      const high = to! - start
      order.splice(low, high - low + 1, ...order.slice(low, high + 1).reverse())
    }
    const mirrored = bidi.getMirroredCharactersMap(flat, levels.levels, start, end - 1)
    const pieces: (Piece & { last: number; odd: boolean })[] = []
    for (const index of order) {
      const script = scripts[index]!
      const odd = (levels.levels[index]! & 1) === 1
      const char = mirrored.get(index) ?? chars[index]!
      const previous = pieces.at(-1)
      if (script === 'latin') {
        if (previous?.script === 'latin') {
          previous.text += char
          previous.last = index
        } else pieces.push({ text: char, script, last: index, odd })
      } else if (previous?.script === 'arabic' && previous.odd && odd && previous.last === index + 1) {
        // Right to left in Arabic script: keep the logical order for the shaper.
        previous.text = char + previous.text
        previous.last = index
      } else {
        // Arabic-script text left to right (its digits) is drawn a character at a time.
        pieces.push({ text: char, script, last: index, odd })
      }
    }
    return pieces.map(({ text: pieceText, script }) => ({ text: pieceText, script }))
  })
  const texts = lineRanges.map(([start, end]) => chars.slice(start, end).join('').trimEnd())
  return { rtl, lines, texts }
}
