// The Health department's appointment slots at its Basic Health Units: each working day has a few
// sessions with a fixed number of places; an appointment application takes one place that day.
import type { LookupAnswer } from '@darwaza/contracts/department-protocol/v1'
import type Database from 'better-sqlite3'

export const facilities = {
  'bhu-kot-lakhpat': { en: 'BHU Kot Lakhpat', ur: 'بی ایچ یو کوٹ لکھپت' },
  'bhu-shadbagh': { en: 'BHU Shadbagh', ur: 'بی ایچ یو شادباغ' },
  'bhu-raiwind': { en: 'BHU Raiwind', ur: 'بی ایچ یو رائیونڈ' },
  'bhu-manga-mandi': { en: 'BHU Manga Mandi', ur: 'بی ایچ یو مانگا منڈی' },
} as const
export type Facility = keyof typeof facilities

const placesPerDay = 20
const daysShown = 5
const bookableDays = 30

export interface Slots {
  /** The next working days with free places at a facility. */
  answer(facility: Facility, today: Date): LookupAnswer
  /**
   * Takes a place on that day; false when the unit is closed, the day is not bookable (tomorrow up to
   * 30 days ahead) or full. A dry run books nothing and leaves out the date window, so the
   * conformance kit's example date stays valid.
   */
  book(facility: Facility, date: string, today: Date, dryRun?: boolean): boolean
}

const isWorkingDay = (date: Date) => date.getUTCDay() !== 0 && date.getUTCDay() !== 5 // closed Friday and Sunday

export function openSlots(db: Database.Database): Slots {
  db.exec(`CREATE TABLE IF NOT EXISTS appointment_day (
    facility TEXT NOT NULL,
    date TEXT NOT NULL,
    booked INTEGER NOT NULL DEFAULT 0 CHECK (booked <= ${placesPerDay}),
    PRIMARY KEY (facility, date)
  )`)
  const bookedOn = db.prepare('SELECT booked FROM appointment_day WHERE facility = ? AND date = ?')
  const take = db.prepare(
    `INSERT INTO appointment_day (facility, date, booked) VALUES (?, ?, 1)
     ON CONFLICT (facility, date) DO UPDATE SET booked = booked + 1 WHERE booked < ${placesPerDay}`,
  )
  return {
    answer(facility, today) {
      const fields = []
      for (let offset = 1; fields.length < daysShown && offset < 30; offset++) {
        const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + offset))
        if (!isWorkingDay(day)) continue
        const date = day.toISOString().slice(0, 10)
        const free = placesPerDay - ((bookedOn.get(facility, date) as { booked: number } | undefined)?.booked ?? 0)
        fields.push({
          key: date,
          label: { en: `Places on ${date}`, ur: `${date} کو دستیاب جگہیں` },
          value: { kind: 'text' as const, text: free > 0 ? String(free) : { en: 'Full', ur: 'کوئی جگہ نہیں' } },
        })
      }
      return {
        outcome: 'found',
        record: {
          title: { en: `Free places at ${facilities[facility].en}`, ur: `${facilities[facility].ur} میں خالی جگہیں` },
          fields,
        },
      }
    },
    book(facility, date, today, dryRun = false) {
      const day = new Date(`${date}T00:00:00Z`)
      if (Number.isNaN(day.getTime()) || !isWorkingDay(day)) return false
      if (dryRun) return ((bookedOn.get(facility, date) as { booked: number } | undefined)?.booked ?? 0) < placesPerDay
      const daysAhead = Math.round(
        (day.getTime() - Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())) / 86_400_000,
      )
      if (daysAhead < 1 || daysAhead > bookableDays) return false
      return take.run(facility, date).changes === 1
    },
  }
}
