import { describe, expect, it } from 'vitest'
import {
  checkPrintRequest,
  maxPrintFragmentBytes,
  paperLayouts,
  printDocument,
  printDocumentUrl,
  printOptions,
} from './print-document.ts'

const receipt = '<section id="receipt"><h3>Receipt</h3><dl><dt>Tracking number</dt><dd>DRW-0001</dd></dl></section>'

describe('print requests', () => {
  it('takes a receipt or a ticket, with the language it is in', () => {
    expect(checkPrintRequest({ kind: 'receipt', html: receipt })).toEqual({
      ok: true,
      request: { kind: 'receipt', html: receipt },
    })
    expect(
      checkPrintRequest({ kind: 'ticket', html: '<p class="dz-ticket-number">A-017</p>', language: 'ur' }),
    ).toEqual({ ok: true, request: { kind: 'ticket', html: '<p class="dz-ticket-number">A-017</p>', language: 'ur' } })
  })

  it.each([
    ['<p>receipt</p>', 'cannot print: a print request must be { kind, html, language? }'],
    [null, 'cannot print: a print request must be { kind, html, language? }'],
    [{ html: receipt }, 'cannot print: kind must be receipt or ticket'],
    [{ kind: 'letter', html: receipt }, 'cannot print: kind must be receipt or ticket'],
    [{ kind: 'receipt' }, 'cannot print: html must be an HTML fragment'],
    [{ kind: 'receipt', html: { not: 'html' } }, 'cannot print: html must be an HTML fragment'],
    [{ kind: 'receipt', html: ' \n ' }, 'cannot print: html must not be empty'],
    [{ kind: 'receipt', html: 'x'.repeat(maxPrintFragmentBytes + 1) }, 'cannot print: html must be under 200 KB'],
    // Counted in bytes: 100 001 Urdu letters are 200 002 bytes of UTF-8.
    [{ kind: 'receipt', html: 'ی'.repeat(100_001) }, 'cannot print: html must be under 200 KB'],
    [{ kind: 'receipt', html: receipt, language: 'fr' }, 'cannot print: language must be en, ur or ar'],
    [{ kind: 'receipt', html: receipt, copies: 100 }, 'cannot print: a print request has no copies'],
  ])('refuses %#: %s', (request, reason) => {
    expect(checkPrintRequest(request)).toEqual({ ok: false, reason })
  })

  it.each([
    ['<script>print()</script>', 'script'],
    ['<SCRIPT src="https://evil.example/x.js"></SCRIPT>', 'script'],
    ['<p>x</p><style>body{display:none}</style>', 'style'],
    ['<link rel="stylesheet" href="https://evil.example/x.css">', 'link'],
    ['<meta http-equiv="refresh" content="0;url=https://evil.example/">', 'meta'],
    ['<base href="https://evil.example/">', 'base'],
    ['<iframe src="https://evil.example/"></iframe>', 'iframe'],
    ['<object data="x"></object>', 'object'],
    ['<embed src="x">', 'embed'],
    ['<!doctype html><html><body>x</body></html>', '!doctype'],
    ['<body onload="x">receipt</body>', 'body'],
  ])('refuses a fragment with %s', (html, element) => {
    expect(checkPrintRequest({ kind: 'receipt', html })).toEqual({
      ok: false,
      reason: `cannot print: html must be content only, without <${element}>: the shell adds the document and its styles`,
    })
  })

  it('takes up to the limit, and the inline SVG of a QR code', () => {
    const svg =
      '<svg role="img" viewBox="0 0 29 29"><rect width="29" height="29" fill="#fff"/><path d="M1 1h1v1h-1z"/></svg>'
    expect(checkPrintRequest({ kind: 'receipt', html: svg }).ok).toBe(true)
    expect(checkPrintRequest({ kind: 'receipt', html: 'x'.repeat(maxPrintFragmentBytes) }).ok).toBe(true)
  })
})

describe('print documents', () => {
  const pageRule = (document: string) => /@page \{[^}]*\}/.exec(document)?.[0]

  it('lays a receipt out on an 80 mm roll: page, width and margins of its own', () => {
    const document = printDocument({ kind: 'receipt', html: receipt }, 'thermal-80mm', 'en')
    expect(document.startsWith('<!doctype html>\n<html lang="en" dir="ltr">')).toBe(true)
    expect(pageRule(document)).toBe('@page { size: 80mm 297mm; margin: 0; }')
    expect(document).toContain('padding: 4mm; width: 80mm;')
    expect(document).toContain(`<body class="dz-print dz-receipt dz-paper-thermal-80mm">\n${receipt}\n</body>`)
    expect(document).toContain('<title>Darwaza receipt</title>')
  })

  it('lays the same receipt out on A4', () => {
    const document = printDocument({ kind: 'receipt', html: receipt }, 'a4', 'en')
    expect(pageRule(document)).toBe('@page { size: A4; margin: 0; }')
    expect(document).toContain('padding: 15mm; width: 210mm;')
    expect(document).toContain(receipt)
  })

  it('prints a ticket number large, for the paper', () => {
    const ticket = '<p class="dz-ticket-number">A-017</p>'
    const thermal = printDocument({ kind: 'ticket', html: ticket }, 'thermal-80mm', 'en')
    expect(thermal).toContain('<body class="dz-print dz-ticket dz-paper-thermal-80mm">')
    expect(thermal).toContain('.dz-ticket .dz-ticket-number { font-size: 40pt;')
    expect(thermal).toContain('<title>Darwaza queue ticket</title>')
    expect(printDocument({ kind: 'ticket', html: ticket }, 'a4', 'en')).toContain(
      '.dz-ticket .dz-ticket-number { font-size: 96pt;',
    )
  })

  it('writes Urdu and Arabic right to left, in their own fonts, defaulting to the kiosk’s language', () => {
    const urdu = printDocument({ kind: 'receipt', html: receipt }, 'thermal-80mm', 'ur')
    expect(urdu).toContain('<html lang="ur" dir="rtl">')
    expect(urdu).toContain("font-family: 'Noto Nastaliq Urdu'")
    const arabic = printDocument({ kind: 'receipt', html: receipt, language: 'ar' }, 'a4', 'ur')
    expect(arabic).toContain('<html lang="ar" dir="rtl">')
    expect(arabic).toContain("font-family: 'Noto Naskh Arabic'")
  })

  it('loads nothing from anywhere and hides the screen’s buttons', () => {
    const document = printDocument({ kind: 'receipt', html: receipt }, 'a4', 'en')
    expect(document).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    )
    expect(document.indexOf('Content-Security-Policy')).toBeLessThan(document.indexOf(receipt))
    expect(document).not.toMatch(/https?:|<link|<script|@import|url\(/)
    expect(document).toContain('button, input, select, textarea, .dz-no-print, [hidden] { display: none !important; }')
  })

  it('travels as a base64 data: URL that decodes to the document, Urdu included', () => {
    const document = printDocument({ kind: 'receipt', html: '<p>رسید</p>' }, 'a4', 'ur')
    const url = printDocumentUrl(document)
    expect(url.startsWith('data:text/html;charset=utf-8;base64,')).toBe(true)
    expect(Buffer.from(url.split(',')[1] ?? '', 'base64').toString('utf8')).toBe(document)
  })
})

describe('print settings', () => {
  it('prints silently on an 80 × 297 mm page with no margin added by the printer', () => {
    expect(printOptions('thermal-80mm', 'Receipts-80mm')).toEqual({
      silent: true,
      printBackground: true,
      deviceName: 'Receipts-80mm',
      pageSize: { width: 80_000, height: 297_000 },
      margins: { marginType: 'none' },
      landscape: false,
      copies: 1,
    })
  })

  it('prints on A4 to the system’s default printer when none is configured', () => {
    const options = printOptions('a4', null)
    expect(options).toMatchObject({ silent: true, pageSize: 'A4', margins: { marginType: 'none' } })
    expect(options).not.toHaveProperty('deviceName')
  })

  it('tells the printer the same page size the document is laid out for', () => {
    expect(paperLayouts['thermal-80mm'].pageSize).toEqual({
      width: paperLayouts['thermal-80mm'].widthMm * 1000,
      height: 297_000,
    })
    expect(paperLayouts.a4.widthMm).toBe(210)
  })
})
