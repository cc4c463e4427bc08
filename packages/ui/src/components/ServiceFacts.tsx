// What a citizen needs to know before using a service: what it is, who can apply, the documents,
// fee, time and channels. Shown on the service page and in the department admin's preview.
import type { CatalogueEntry } from '@darwaza/contracts/catalogue'
import { pickLanguage, type Language } from '@darwaza/contracts/localized'
import { useTranslation } from 'react-i18next'
import { formatMoney } from '../format.ts'

export type ServiceFactsEntry = Pick<
  CatalogueEntry,
  'kind' | 'description' | 'eligibility' | 'requiredDocuments' | 'fee' | 'processingDays' | 'channels' | 'department'
>

export function ServiceFacts({ entry, language }: { entry: ServiceFactsEntry; language: Language }) {
  const { t } = useTranslation()
  const fee =
    entry.fee.kind === 'fixed'
      ? formatMoney(entry.fee.amountMinor, entry.fee.currency, language)
      : entry.fee.kind === 'quoted'
        ? t('service.feeQuoted')
        : t('catalogue.free')
  return (
    <div className="dz-service-facts">
      <section aria-labelledby="facts-what">
        <h3 id="facts-what">{t('service.what')}</h3>
        <p className="dz-prose" dir="auto">
          {pickLanguage(entry.description, language)}
        </p>
      </section>
      <section aria-labelledby="facts-who">
        <h3 id="facts-who">{t('service.who')}</h3>
        <p className="dz-prose" dir="auto">
          {pickLanguage(entry.eligibility, language)}
        </p>
      </section>
      <section aria-labelledby="facts-documents">
        <h3 id="facts-documents">{t('service.documents')}</h3>
        {entry.requiredDocuments.length === 0 ? (
          <p>{t('service.noDocuments')}</p>
        ) : (
          <ul className="dz-documents">
            {entry.requiredDocuments.map((document, index) => (
              <li key={index}>
                <strong>{pickLanguage(document.name, language)}</strong>{' '}
                <span className="dz-tag">{document.upload ? t('service.upload') : t('service.bring')}</span>
                {document.description ? <p>{pickLanguage(document.description, language)}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <dl className="dz-facts">
        <dt>{t('service.fee')}</dt>
        <dd>{fee}</dd>
        <dt>{t('service.time')}</dt>
        <dd>
          {entry.processingDays
            ? t('catalogue.processingDays', { count: entry.processingDays })
            : t('catalogue.instant')}
        </dd>
        <dt>{t('service.channels')}</dt>
        <dd>
          <ul className="dz-channels">
            {entry.channels.map((channel) => (
              <li key={channel}>{t(`channel.${channel}`)}</li>
            ))}
          </ul>
        </dd>
      </dl>
      <section aria-labelledby="facts-how">
        <h3 id="facts-how">{t('service.how')}</h3>
        <p>{entry.kind === 'lookup' ? t('service.howLookup') : t('service.howApply')}</p>
        <p>{t('service.offeredBy', { department: pickLanguage(entry.department.name, language) })}</p>
      </section>
    </div>
  )
}
