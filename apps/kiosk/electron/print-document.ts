// What the kiosk prints: the page's fragment wrapped in a complete, self-contained document laid
// out for the configured paper, and the print settings that match it. Pure, so tested without Electron.
import type { WebContentsPrintOptions } from 'electron'
import { z } from 'zod'
import type { KioskLanguage, PaperFormat, PrintRequest } from '../src/kiosk-bridge.ts'

export const maxPrintFragmentBytes = 200_000

interface PaperLayout {
  /** For webContents.print: a named size, or width and height in microns. */
  pageSize: NonNullable<WebContentsPrintOptions['pageSize']>
  /** The same size for the document's @page rule. */
  cssPageSize: string
  widthMm: number
  /** The printer adds no margin of its own; this padding is the margin, the same on every printer. */
  paddingMm: number
  fontSizePt: number
  ticketNumberPt: number
}

export const paperLayouts: Record<PaperFormat, PaperLayout> = {
  // A roll has no length of its own; 80 × 297 mm is the page thermal drivers offer, and a receipt fits it.
  // 4 mm each side leaves the 72 mm that 80 mm printers print on.
  'thermal-80mm': {
    pageSize: { width: 80_000, height: 297_000 },
    cssPageSize: '80mm 297mm',
    widthMm: 80,
    paddingMm: 4,
    fontSizePt: 9,
    ticketNumberPt: 40,
  },
  a4: { pageSize: 'A4', cssPageSize: 'A4', widthMm: 210, paddingMm: 15, fontSizePt: 11, ticketNumberPt: 96 },
}

/** Elements that belong to a document, not to its content, or that could load or run anything. */
const refusedElement = /<\s*(!doctype|html|head|body|meta|base|link|style|script|noscript|iframe|frame|object|embed)\b/i

const PrintRequestSchema = z.strictObject(
  {
    kind: z.enum(['receipt', 'ticket'], { error: 'kind must be receipt or ticket' }),
    html: z
      .string({ error: 'html must be an HTML fragment' })
      .refine((html) => html.trim().length > 0, 'html must not be empty')
      .refine(
        (html) => Buffer.byteLength(html) <= maxPrintFragmentBytes,
        `html must be under ${maxPrintFragmentBytes / 1000} KB`,
      )
      .superRefine((html, context) => {
        const element = refusedElement.exec(html)?.[1]
        if (element) {
          context.addIssue({
            code: 'custom',
            message: `html must be content only, without <${element.toLowerCase()}>: the shell adds the document and its styles`,
          })
        }
      }),
    language: z.enum(['en', 'ur', 'ar'], { error: 'language must be en, ur or ar' }).optional(),
  },
  { error: 'a print request must be { kind, html, language? }' },
)

/** The request the page sent, or why it cannot be printed. */
export function checkPrintRequest(value: unknown): { ok: true; request: PrintRequest } | { ok: false; reason: string } {
  const parsed = PrintRequestSchema.safeParse(value)
  if (parsed.success) return { ok: true, request: parsed.data }
  const issue = parsed.error.issues[0]
  const reason =
    issue?.code === 'unrecognized_keys' ? `a print request has no ${issue.keys.join(', ')}` : (issue?.message ?? '')
  return { ok: false, reason: `cannot print: ${reason}` }
}

const fonts: Record<KioskLanguage, string> = {
  en: "'Noto Sans', 'DejaVu Sans', Arial, sans-serif",
  ur: "'Noto Nastaliq Urdu', 'Noto Naskh Arabic', 'Urdu Typesetting', Tahoma, sans-serif",
  ar: "'Noto Naskh Arabic', 'Noto Sans Arabic', Tahoma, sans-serif",
}

const titles: Record<PrintRequest['kind'], string> = { receipt: 'Darwaza receipt', ticket: 'Darwaza queue ticket' }

function styles(layout: PaperLayout, language: KioskLanguage): string {
  const lineHeight = language === 'ur' ? 2 : 1.4
  return `
@page { size: ${layout.cssPageSize}; margin: 0; }
* { box-sizing: border-box; }
html { background: #fff; color: #000; }
body {
  margin: 0; padding: ${layout.paddingMm}mm; width: ${layout.widthMm}mm;
  font-family: ${fonts[language]}; font-size: ${layout.fontSizePt}pt; line-height: ${lineHeight};
  overflow-wrap: anywhere;
}
h1, h2, h3, h4 { font-size: 1.3em; margin: 0 0 0.5em; }
p { margin: 0 0 0.6em; }
dl { margin: 0 0 0.8em; }
dt { font-weight: bold; margin-top: 0.4em; }
dd { margin: 0; }
svg, img { display: block; max-width: 100%; height: auto; margin: 0.8em auto; }
.dz-tracking { font-family: 'DejaVu Sans Mono', Consolas, monospace; font-size: 1.2em; }
.dz-ticket { text-align: center; }
.dz-ticket .dz-ticket-number { font-size: ${layout.ticketNumberPt}pt; font-weight: bold; line-height: 1.1; }
button, input, select, textarea, .dz-no-print, [hidden] { display: none !important; }
`.trim()
}

/**
 * A complete print document around the fragment: its own styles for the paper, the fragment's
 * language and direction, and a content security policy that lets nothing load from anywhere.
 */
export function printDocument(request: PrintRequest, paperFormat: PaperFormat, defaultLanguage: KioskLanguage): string {
  const language = request.language ?? defaultLanguage
  const direction = language === 'en' ? 'ltr' : 'rtl'
  return [
    '<!doctype html>',
    `<html lang="${language}" dir="${direction}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${titles[request.kind]}</title>`,
    `<style>\n${styles(paperLayouts[paperFormat], language)}\n</style>`,
    '</head>',
    `<body class="dz-print dz-${request.kind} dz-paper-${paperFormat}">`,
    request.html,
    '</body>',
    '</html>',
  ].join('\n')
}

/** Silent printing to the configured printer (or the system's default), on paper the document was laid out for. */
export function printOptions(paperFormat: PaperFormat, printerName: string | null): WebContentsPrintOptions {
  return {
    silent: true,
    printBackground: true,
    ...(printerName ? { deviceName: printerName } : {}),
    pageSize: paperLayouts[paperFormat].pageSize,
    margins: { marginType: 'none' },
    landscape: false,
    copies: 1,
  }
}

/** The document as a data: URL for the hidden print window (base64 keeps long Urdu text short). */
export function printDocumentUrl(document: string): string {
  return `data:text/html;charset=utf-8;base64,${Buffer.from(document, 'utf8').toString('base64')}`
}
