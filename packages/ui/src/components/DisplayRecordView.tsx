import type { DisplayRecord, DisplayValue } from '@darwaza/contracts/department-protocol/v1'
import { pickLanguage, type Language } from '@darwaza/contracts/localized'
import { formatDate, formatMoney } from '../format.ts'

function Value({ value, language }: { value: DisplayValue; language: Language }) {
  switch (value.kind) {
    case 'text':
      return <>{typeof value.text === 'string' ? value.text : pickLanguage(value.text, language)}</>
    case 'money':
      return <>{formatMoney(value.amountMinor, value.currency, language)}</>
    case 'date':
      return <time dateTime={value.date}>{formatDate(value.date, language)}</time>
    case 'status':
      return <span className={`dz-status dz-status--${value.tone}`}>{pickLanguage(value.label, language)}</span>
  }
}

/** A department's answer: its title and each labelled value, formatted for the citizen's language. */
export function DisplayRecordView({ record, language }: { record: DisplayRecord; language: Language }) {
  return (
    <section className="dz-record" aria-labelledby="dz-record-title">
      <h2 id="dz-record-title">{pickLanguage(record.title, language)}</h2>
      <dl>
        {record.fields.map((field) => (
          <div key={field.key} className="dz-record__row" data-field={field.key}>
            <dt>{pickLanguage(field.label, language)}</dt>
            <dd>
              <Value value={field.value} language={language} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
