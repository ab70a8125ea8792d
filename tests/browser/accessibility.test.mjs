// Accessibility in a real Chromium: axe-core on every kind of page (no serious or critical violation), and
// the keyboard path into each page (Tab reaches the skip link first; the skip link moves focus to main).
// With PROOFDESK_SCREENSHOT_DIR set, full-page screenshots of the pages are written there for a human look.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import {
  applicant, fillRegistration, launchBrowser, newContext, seedReadyCase, seriousViolations, signIn, watchConsole,
} from './fixtures.mjs';
import { reviewerPassword, startServer } from './server.mjs';

const screenshotDir = process.env.PROOFDESK_SCREENSHOT_DIR;

describe('accessibility in Chromium', { timeout: 150000 }, () => {
  let server;
  let browser;
  let visitor;   // an applicant's context; axe is injected, so the page's CSP is bypassed here only
  let reviewer;  // a signed-in reviewer's context, CSP bypassed likewise
  let seeded;
  let uploadPath;

  before(async () => {
    server = await startServer({ reviewers: [{ id: 'rita', name: 'Rita Reviewer' }] });
    browser = await launchBrowser();
    seeded = await seedReadyCase(server.baseUrl, browser);
    visitor = await newContext(browser, { bypassCSP: true });
    reviewer = await newContext(browser, { bypassCSP: true });
    await signIn(await reviewer.newPage(), server.baseUrl, 'rita', reviewerPassword);
    if (screenshotDir) mkdirSync(screenshotDir, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  // Loads a page with `open`, then checks it with axe and (optionally) keeps a screenshot.
  async function check(context, name, open, expectedStatuses = []) {
    const page = await context.newPage();
    try {
      const problems = watchConsole(page, { expectedStatuses });
      await open(page);
      await page.waitForLoadState('load');
      const violations = await seriousViolations(page);
      if (screenshotDir) await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
      assert.deepEqual(violations, [], `${name}: serious/critical axe violations:\n` +
        violations.map((v) => `  ${v.id} (${v.impact}) ${v.help}\n    ${v.targets.join('\n    ')}`).join('\n'));
      assert.deepEqual(problems, [], `${name}: console errors or failed loads`);
    } finally {
      await page.close();
    }
  }

  test('home', () => check(visitor, 'home', (page) => page.goto(server.baseUrl + '/')));

  test('register, clean', () => check(visitor, 'register', (page) => page.goto(server.baseUrl + '/register')));

  test('register, with errors', () => check(visitor, 'register-errors', async (page) => {
    await page.goto(server.baseUrl + '/register');
    await fillRegistration(page, applicant({ zip: '12', email: 'nobody', password: 'weak', password_confirm: 'other' }),
      { chooseQuestion: false });
    await Promise.all([page.waitForNavigation(), page.click('form[action="/register"] button[type=submit]')]);
    assert.equal(await page.locator('.usa-error-message').count(), 5);
  }, [422]));

  test('registered (case reference)', () => check(visitor, 'registered', async (page) => {
    await page.goto(server.baseUrl + '/register');
    await fillRegistration(page, applicant());
    await Promise.all([page.waitForNavigation(), page.click('form[action="/register"] button[type=submit]')]);
    uploadPath = await page.getAttribute('a#upload-link', 'href');
  }));

  test('upload, before any document', () => check(visitor, 'upload', async (page) => {
    assert.ok(uploadPath, 'the registration step gave an upload link');
    await page.goto(server.baseUrl + uploadPath);
    assert.equal(await page.locator('#ssn_last4').count(), 1);
  }));

  test('upload, with the documents received', () => check(visitor, 'upload-complete', (page) =>
    page.goto(server.baseUrl + seeded.uploadPath)));

  test('reviewer sign-in, and its refusal', async () => {
    const fresh = await newContext(browser, { bypassCSP: true });
    try {
      await check(fresh, 'signin', (page) => page.goto(server.baseUrl + '/review/signin'));
      await check(fresh, 'signin-refused', async (page) => {
        await page.goto(server.baseUrl + '/review/signin');
        await page.fill('#user_id', 'rita');
        await page.fill('#password', 'Wrong#Password99');
        await Promise.all([page.waitForNavigation(), page.click('form[action="/review/signin"] button')]);
        assert.equal(await page.locator('#signin-error').count(), 1);
      }, [401]);
    } finally {
      await fresh.close();
    }
  });

  test('review queue', () => check(reviewer, 'queue', async (page) => {
    await page.goto(server.baseUrl + '/review');
    assert.equal(await page.locator(`table#queue a[href="/review/cases/${seeded.reference}"]`).count(), 1);
  }));

  test('case page, claimed (decision forms shown)', () => check(reviewer, 'case', async (page) => {
    await page.goto(`${server.baseUrl}/review/cases/${seeded.reference}`);
    await Promise.all([page.waitForNavigation(), page.click('button#claim')]);
    assert.equal(await page.locator('button#reject').count(), 1);
    // Load the lazy page images so that the screenshot shows them.
    for (const image of await page.locator('figure.pd-page img').all()) {
      await image.scrollIntoViewIfNeeded();
      await image.evaluate((img) => img.decode());
    }
  }));

  test('status page', () => check(visitor, 'status', async (page) => {
    await page.goto(server.baseUrl + '/status');
    assert.ok(await page.locator('table#components tbody tr').count() >= 4);
  }));

  test('error page (unknown upload link)', () => check(visitor, 'error', (page) =>
    page.goto(server.baseUrl + '/upload/not-a-real-token-at-all-xxxxxxxx'), [404]));

  test('keyboard: the first Tab reaches the skip link, which moves focus to main', async () => {
    const context = await newContext(browser);  // the page's real CSP applies here
    try {
      const page = await context.newPage();
      for (const where of ['/', '/register', '/status', '/review/signin']) {
        await page.goto(server.baseUrl + where);
        await page.keyboard.press('Tab');
        // USWDS slides the focused skip link into view (a 0.15 s transition of `top`).
        await page.waitForFunction(() => document.activeElement?.getBoundingClientRect().top >= 0, null, { timeout: 2000 })
          .catch(() => {});
        const first = await page.evaluate(() => {
          const el = document.activeElement;
          const box = el.getBoundingClientRect();
          return { tag: el.tagName, className: el.className, href: el.getAttribute('href'),
                   text: el.textContent.trim(), visible: box.width > 0 && box.height > 0 && box.top >= 0 };
        });
        assert.equal(first.tag, 'A', `${where}: first Tab stop`);
        assert.match(first.className, /usa-skipnav/, `${where}: first Tab stop is the skip link`);
        assert.equal(first.href, '#main-content');
        assert.equal(first.visible, true, `${where}: the focused skip link is visible`);
        await page.keyboard.press('Enter');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'main-content', `${where}: focus in main`);
        // The next Tab continues from main onwards, not back in the banner or the navigation.
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => {
          const main = document.getElementById('main-content');
          const next = document.activeElement;
          return main.contains(next) || !!(main.compareDocumentPosition(next) & Node.DOCUMENT_POSITION_FOLLOWING);
        }), true, `${where}: Tab after the skip link moves on from main`);
      }
    } finally {
      await context.close();
    }
  });
});
