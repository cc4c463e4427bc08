import { languageNames, uiLanguages, type UiLanguage } from '../i18n.ts'

/** Each language is named in itself, so a citizen finds theirs whatever the screen shows now. */
export function LanguageSwitch({
  current,
  label,
  onChange,
}: {
  current: UiLanguage
  label: string
  onChange(language: UiLanguage): void
}) {
  return (
    <nav className="dz-languages" aria-label={label}>
      {uiLanguages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={language === current}
          onClick={() => onChange(language)}
        >
          {languageNames[language]}
        </button>
      ))}
    </nav>
  )
}
