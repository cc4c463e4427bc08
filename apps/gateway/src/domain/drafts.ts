// Rules for forms saved unfinished: what a draft may hold, and the text message with its link.
import type { FieldError } from '@darwaza/contracts/errors'
import type { Language } from '@darwaza/contracts/localized'

/** Enough for any form here; a draft is not a place to store files (documents are uploaded). */
export const draftMaxBytes = 32_768

/** A draft holds answers to the form's own fields only, and not too much of them. */
export function draftProblems(formFields: readonly string[], values: Record<string, unknown>): FieldError[] {
  const known = new Set(formFields)
  const problems: FieldError[] = Object.keys(values)
    .filter((name) => !known.has(name))
    .map((name) => ({ field: `form.${name}`, reason: 'unknown_field', message: 'is not a field of this form' }))
  if (new TextEncoder().encode(JSON.stringify(values)).length > draftMaxBytes) {
    problems.push({ field: 'form', reason: 'too_large', message: `holds more than ${draftMaxBytes} bytes` })
  }
  return problems
}

const locales: Record<Language, string> = { en: 'en-PK', ur: 'ur-PK', ar: 'ar' }

/** The text message that carries the link: the service, until when, and nothing personal. */
export function draftMessage(language: Language, service: string, link: string, expiresAt: Date): string {
  const until = new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium', timeZone: 'Asia/Karachi' }).format(
    expiresAt,
  )
  if (language === 'ur') {
    return `دروازہ: ${service} کا آپ کا نامکمل فارم ${until} تک محفوظ ہے۔ اسے مکمل کرنے کے لیے سائن ان کر کے یہ لنک کھولیں: ${link}`
  }
  if (language === 'ar') {
    return `دروازة: نموذجك غير المكتمل لخدمة ${service} محفوظ حتى ${until}. لإكماله سجّل الدخول وافتح هذا الرابط: ${link}`
  }
  return `Darwaza: your unfinished form for ${service} is saved until ${until}. To finish it, sign in and open ${link}`
}
