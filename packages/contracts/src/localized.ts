import { z } from 'zod'

export const languages = ['en', 'ur', 'ar'] as const
export const Language = z.enum(languages)
export type Language = z.infer<typeof Language>

/** Right-to-left languages: the UI mirrors its layout for these. */
export const rightToLeft: ReadonlySet<Language> = new Set(['ur', 'ar'])

/** Text a citizen reads, in every language Darwaza requires (English and Urdu) and optionally Arabic. */
export const LocalizedText = z.strictObject({
  en: z.string().trim().min(1).max(2000),
  ur: z.string().trim().min(1).max(2000),
  ar: z.string().trim().min(1).max(2000).optional(),
})
export type LocalizedText = z.infer<typeof LocalizedText>

export function pickLanguage(text: LocalizedText, language: Language): string {
  return text[language] ?? text.en
}
