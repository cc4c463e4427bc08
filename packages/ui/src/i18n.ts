import { rightToLeft, type Language } from '@darwaza/contracts/localized'
import i18next, { type i18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import en from './translations/en.json'
import ur from './translations/ur.json'
import ar from './translations/ar.json'

export const translations = { en, ur, ar } as const
export const uiLanguages = ['en', 'ur', 'ar'] as const satisfies readonly Language[]
export type UiLanguage = (typeof uiLanguages)[number]

export const languageNames: Record<UiLanguage, string> = { en: 'English', ur: 'اردو', ar: 'العربية' }

export async function createI18n(language: UiLanguage = 'en'): Promise<i18n> {
  const instance = i18next.createInstance()
  await instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: en }, ur: { translation: ur }, ar: { translation: ar } },
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  return instance
}

export function directionOf(language: Language): 'rtl' | 'ltr' {
  return rightToLeft.has(language) ? 'rtl' : 'ltr'
}
