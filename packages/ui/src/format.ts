import type { Language } from '@darwaza/contracts/localized'

const locales: Record<Language, string> = { en: 'en-PK', ur: 'ur-PK', ar: 'ar' }

/** The locale the citizen's language writes numbers and dates in. */
export function localeOf(language: Language): string {
  return locales[language]
}

/** Money in minor units (paisa, fils) shown the way the citizen's language writes it. */
export function formatMoney(amountMinor: number, currency: string, language: Language): string {
  return new Intl.NumberFormat(locales[language], { style: 'currency', currency }).format(amountMinor / 100)
}

/** A calendar date (YYYY-MM-DD), never shifted by the device's time zone. */
export function formatDate(isoDate: string, language: Language): string {
  return new Intl.DateTimeFormat(locales[language], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  )
}
