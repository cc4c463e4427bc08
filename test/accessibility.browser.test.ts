// axe-core checks every screen of the web view, in English, Urdu and Arabic (right to left), against
// WCAG 2.2 A and AA; any serious or critical violation fails, listed with where it is.
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { seedDemoAccess } from '@darwaza/gateway/seed'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from './support/accessibility.ts'
import { buildWebView, launchChromium } from './support/browser.ts'
import { freshSqliteUrl } from './support/databases.ts'
import { startTestGateway, type TestGateway } from './support/gateway.ts'
import { codeSentTo, demoPassword as password } from './support/identity.ts'

const [first] = demoCitizens
if (!first) throw new Error('the development registry needs demo citizens')
const ayesha = first

let browser: Browser
let context: BrowserContext
let gateway: TestGateway
let db: Db

beforeAll(async () => {
  const [webRoot, databaseUrl, chromium] = await Promise.all([buildWebView(), freshSqliteUrl(), launchChromium()])
  browser = chromium
  db = createDb(databaseUrl)
  await seedDemoCatalogue(db, {})
  await seedDemoAccess(db, providerOf(databaseUrl))
  gateway = await startTestGateway({ DATABASE_URL: databaseUrl, WEB_ROOT: webRoot })
  // The page's CSP forbids inline scripts, axe's included; the check itself is not part of the app.
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 1000 } })
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await gateway?.stop()
  await db?.$disconnect()
})

const languageNames = { en: 'English', ur: 'اردو', ar: 'العربية' } as const

async function useLanguage(page: Page, language: keyof typeof languageNames) {
  await page.getByRole('button', { name: languageNames[language], exact: true }).click()
  await page.waitForFunction((expected) => document.documentElement.lang === expected, language)
  expect(await page.evaluate(() => document.documentElement.dir)).toBe(language === 'en' ? 'ltr' : 'rtl')
}

// Each sign-in sends a code, and an identity gets only so many an hour: take turns.
let signIns = 0

async function signInCitizen(page: Page) {
  const citizen = demoCitizens[signIns++ % demoCitizens.length] ?? ayesha
  await page.goto(`${gateway.url}/#/sign-in`)
  await page.getByLabel('Identity number (CNIC)').fill(citizen.identityNumber)
  await page.getByRole('button', { name: 'Send me a code' }).click()
  await page.getByLabel('Code', { exact: true }).fill(await codeSentTo(db, citizen.phone))
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.getByRole('heading', { name: 'My records' }).waitFor()
}

async function signInStaff(page: Page, username: string, route: string, heading: string) {
  await page.goto(`${gateway.url}/#/staff`)
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Password').fill(password(username))
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.goto(`${gateway.url}/#/${route}`)
  await page.getByRole('heading', { name: heading }).first().waitFor()
}

type Screen = { name: string; open(page: Page): Promise<void> }

const screens: Screen[] = [
  {
    name: 'catalogue',
    open: async (page) => {
      await page.goto(`${gateway.url}/#/services`)
      await page.locator('.dz-card').first().waitFor()
    },
  },
  {
    name: 'service page with a look-up',
    open: async (page) => {
      await page.goto(`${gateway.url}/#/services`)
      await page.getByRole('button', { name: 'Check now: Verify an e-challan' }).click()
      await page.getByRole('heading', { name: 'Verify an e-challan' }).waitFor()
      // This test runs no department: the answer is the "cannot answer right now" message.
      await page.getByLabel('E-challan number').fill('3520100001')
      await page.getByRole('button', { name: 'Check', exact: true }).click()
      await page.getByRole('alert').first().waitFor()
    },
  },
  {
    name: 'citizen sign-in',
    open: async (page) => {
      await page.goto(`${gateway.url}/#/sign-in`)
      await page.getByLabel('Identity number (CNIC)').waitFor()
    },
  },
  {
    name: 'verification page',
    open: async (page) => {
      await page.goto(`${gateway.url}/#/verify`)
      await page.locator('main form').waitFor()
    },
  },
  { name: 'my records', open: signInCitizen },
  {
    name: 'guided form',
    open: async (page) => {
      await signInCitizen(page)
      await page.getByRole('link', { name: 'Services' }).click()
      await page.getByRole('button', { name: 'Apply: Register a child at a government school' }).click()
      await page.getByRole('heading', { name: 'Register a child at a government school' }).waitFor()
    },
  },
  {
    name: 'guided form with its error summary',
    open: async (page) => {
      await signInCitizen(page)
      await page.getByRole('link', { name: 'Services' }).click()
      await page.getByRole('button', { name: 'Apply: Book a primary-care appointment' }).click()
      await page.getByRole('button', { name: 'Review your answers' }).click()
      await page.getByRole('button', { name: 'Submit application' }).click()
      await page.getByRole('alert').first().waitFor()
    },
  },
  {
    name: 'receipt',
    open: async (page) => {
      await signInCitizen(page)
      await page.getByRole('link', { name: 'Services' }).click()
      await page.getByRole('button', { name: 'Apply: Book a primary-care appointment' }).click()
      await page.getByLabel('Basic Health Unit').selectOption('bhu-shadbagh')
      await page.getByLabel('Preferred day').fill('2026-12-01')
      await page.getByLabel('Reason for the visit').fill('Fever and cough for three days')
      await page.getByRole('button', { name: 'Review your answers' }).click()
      await page.getByRole('button', { name: 'Submit application' }).click()
      await page.getByTestId('receipt').waitFor()
    },
  },
  {
    name: 'staff sign-in',
    open: async (page) => {
      await page.goto(`${gateway.url}/#/staff`)
      await page.getByLabel('Username').waitFor()
    },
  },
  { name: 'clerk counter', open: (page) => signInStaff(page, 'clerk', 'clerk', 'Help a citizen') },
  {
    name: 'department services',
    open: (page) => signInStaff(page, 'deptadmin', 'department', "Your department's services"),
  },
  {
    name: 'platform deliveries',
    open: (page) => signInStaff(page, 'admin', 'platform', 'Deliveries that need attention'),
  },
]

describe.each(['en', 'ur', 'ar'] as const)('accessibility in %s', (language) => {
  it.each(screens)('$name has no serious or critical violations', async (screen) => {
    const page = await context.newPage()
    try {
      await context.clearCookies()
      await page.goto(`${gateway.url}/#/services`)
      await page.evaluate(() => sessionStorage.clear())
      await screen.open(page)
      await useLanguage(page, language)
      expect(await seriousViolations(page)).toEqual([])
    } finally {
      await page.close()
    }
  })
})

describe('display settings and touch targets', () => {
  it('offers larger text and high contrast on every screen, still without violations', async () => {
    const page = await context.newPage()
    try {
      await page.goto(`${gateway.url}/#/services`)
      await page.locator('.dz-card').first().waitFor()
      const rootSize = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize)
      expect(await rootSize()).toBe('20px')
      await page.getByRole('button', { name: 'Larger text' }).click()
      await page.getByRole('button', { name: 'High contrast' }).click()
      expect(await rootSize()).toBe('26px')
      expect(await page.getByRole('button', { name: 'High contrast' }).getAttribute('aria-pressed')).toBe('true')
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('.dz-header')!).backgroundColor)).toBe(
        'rgb(0, 0, 0)',
      )
      expect(await seriousViolations(page)).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('makes every button at least 48 px high and wide', async () => {
    const page = await context.newPage()
    try {
      await page.goto(`${gateway.url}/#/services`)
      await page.locator('.dz-card').first().waitFor()
      const small = await page.evaluate(() =>
        [...document.querySelectorAll('button')]
          .map((button) => ({ text: button.textContent ?? '', box: button.getBoundingClientRect() }))
          .filter(({ box }) => box.height < 48 || box.width < 48)
          .map(({ text, box }) => `${text} (${Math.round(box.width)}×${Math.round(box.height)})`),
      )
      expect(small).toEqual([])
    } finally {
      await page.close()
    }
  })
})
