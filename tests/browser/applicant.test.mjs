// The applicant's path in a real Chromium: home page, registration (refused, then accepted), the instructions
// email, and the upload form with JavaScript (progress) and without it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { applicant, evidenceFiles, fillRegistration, launchBrowser, newContext, watchConsole } from './fixtures.mjs';
import { readOutbox, startServer, waitFor } from './server.mjs';

describe('applicant in Chromium', { timeout: 120000 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('home page: USWDS gov banner (its accordion works) and the list of evidence to send', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const problems = watchConsole(page);
      const response = await page.goto(server.baseUrl + '/');
      assert.equal(response.status(), 200);
      const banner = page.locator('section.usa-banner');
      assert.match(await banner.innerText(), /An official website of the United States government/);
      // USWDS CSS applied: the banner has its grey background, not the browser default.
      const background = await banner.evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.notEqual(background, 'rgba(0, 0, 0, 0)', 'uswds.min.css did not style the banner');
      // USWDS JS works under the page's CSP: "Here's how you know" opens the banner's content.
      const content = page.locator('#gov-banner');
      assert.equal(await content.isVisible(), false);
      await page.click('button.usa-banner__button');
      await content.waitFor({ state: 'visible', timeout: 5000 });
      assert.equal(await page.getAttribute('button.usa-banner__button', 'aria-expanded'), 'true');
      assert.equal(await page.evaluate(() => document.querySelector('.usa-banner__header-flag').naturalWidth > 0), true);

      const items = await page.locator('#evidence-list > li').allInnerTexts();
      assert.ok(items.length >= 3, `evidence list has ${items.length} item(s)`);
      assert.ok(items.some((t) => /Government photo ID/.test(t)), items.join('\n'));
      assert.ok(items.some((t) => /statement|bill/i.test(t)), items.join('\n'));
      assert.ok(items.some((t) => /four digits/i.test(t)), items.join('\n'));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('registration: a refused form marks each bad field once, keeps what was typed, never echoes secrets', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(server.baseUrl + '/register');
      const person = applicant({
        date_of_birth: '1979-13-40',
        zip: '4540',
        email: 'odalys-at-example.net',
        password: 'Short#1a',
        password_confirm: 'Short#1a',
        ssn: '900-12-3456',
      });
      await fillRegistration(page, person, { chooseQuestion: false });
      const [response] = await Promise.all([page.waitForNavigation(), page.click('form[action="/register"] button[type=submit]')]);
      assert.equal(response.status(), 422);
      assert.match(await page.title(), /^Error:/);

      const bad = ['date_of_birth', 'zip', 'email', 'password', 'challenge_question', 'ssn'];
      const summary = page.locator('#error-summary');
      assert.equal(await summary.isVisible(), true);
      assert.match(await summary.innerText(), new RegExp(`${bad.length} field\\(s\\) need attention`));
      // With JavaScript on, focus goes to the summary so that screen readers announce it.
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary');
      const links = await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.deepEqual(links.sort(), bad.map((f) => `#${f}`).sort());

      assert.equal(await page.locator('.usa-error-message').count(), bad.length);
      for (const field of bad) {
        const group = page.locator('.usa-form-group', { has: page.locator(`#${field}`) });
        assert.equal(await group.locator('.usa-error-message').count(), 1, `one message for ${field}`);
        assert.equal(await page.getAttribute(`#${field}`, 'aria-invalid'), 'true', `${field} aria-invalid`);
        const describedBy = (await page.getAttribute(`#${field}`, 'aria-describedby')) ?? '';
        assert.ok(describedBy.split(' ').includes(`${field}-error`), `${field} described by its error`);
      }
      const invalid = await page.locator('[aria-invalid="true"]').evaluateAll((els) => els.map((e) => e.id));
      assert.deepEqual(invalid.sort(), [...bad].sort());
      // A summary link moves to its field.
      await summary.locator('a[href="#zip"]').click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'zip');

      // Typed values are kept; secrets come back empty.
      for (const field of ['first_name', 'middle_name', 'last_name', 'date_of_birth', 'street', 'unit', 'city', 'zip',
        'email', 'phone', 'user_id', 'challenge_answer']) {
        assert.equal(await page.inputValue(`#${field}`), person[field], `${field} kept`);
      }
      assert.equal(await page.inputValue('#state'), 'OH');
      for (const secret of ['password', 'password_confirm', 'ssn']) {
        assert.equal(await page.inputValue(`#${secret}`), '', `${secret} not sent back`);
      }
      const html = await page.content();
      assert.ok(!html.includes('Short#1a'), 'password echoed in the page');
      assert.ok(!html.includes('900-12-3456') && !html.includes('900123456'), 'SSN echoed in the page');
    } finally {
      await context.close();
    }
  });

  test('registration and upload with JavaScript: reference, instructions email, progress, three documents, SSN last four', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const problems = watchConsole(page, { expectedStatuses: [422] });  // the wrong last four below
      await page.goto(server.baseUrl + '/register');
      const person = applicant();
      await fillRegistration(page, person);
      const [response] = await Promise.all([page.waitForNavigation(), page.click('form[action="/register"] button[type=submit]')]);
      assert.equal(response.status(), 200);
      const reference = (await page.innerText('#case-reference')).trim();
      assert.match(reference, /^PD-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

      const mail = await waitFor('the instructions email', () =>
        readOutbox(server.outbox).find((m) => m.text.includes(reference)));
      assert.match(mail.subject, new RegExp(reference));
      assert.ok(mail.to.includes(person.email), `To: ${mail.to}`);
      const uploadHref = await page.getAttribute('a#upload-link', 'href');
      assert.match(uploadHref, /^\/upload\/[A-Za-z0-9_-]+$/);
      assert.ok(mail.text.includes(uploadHref), 'the email carries the upload link');

      await page.click('a#upload-link');
      await page.waitForSelector('#upload-form');
      assert.match(await page.innerText('#evidence-status'), /still needed/);
      assert.match(await page.innerText('#evidence-status'), /0 of 2 received/);
      assert.equal(await page.locator('#evidence-complete').count(), 0);
      assert.equal(await page.locator('#upload-progress').isVisible(), false);

      // A wrong last-four is refused with a message and nothing else changes.
      await page.fill('#ssn_last4', '12x4');
      await Promise.all([page.waitForSelector('text=Enter only the last four digits'), page.click('#upload-form button[type=submit]')]);
      assert.equal(await page.locator('#ssn_last4').count(), 1, 'the SSN field is still asked for');

      const files = await evidenceFiles(browser, person);
      await page.selectOption('#photo_id_kind', 'drivers_license');
      await page.selectOption('#statement_1_kind', 'bank_statement');
      await page.selectOption('#statement_2_kind', 'utility_bill');
      for (const [input, file] of Object.entries(files)) await page.setInputFiles(`#${input}`, file);
      await page.fill('#ssn_last4', '4821');

      // Hold the POST until the page has shown its progress element, so the check does not race the upload.
      let progressSeen = null;
      await page.route('**/upload/*', async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        const kind = route.request().resourceType();
        progressSeen = await page.evaluate((resourceType) => ({
          resourceType,
          visible: !document.getElementById('upload-progress').hidden,
          disabled: document.querySelector('#upload-form button[type=submit]').disabled,
          text: document.getElementById('upload-progress-text').textContent,
          value: document.getElementById('upload-progress-bar').value,
        }), kind);
        return route.continue();
      });
      await page.click('#upload-form button[type=submit]');
      await page.waitForSelector('table#documents', { timeout: 20000 });
      assert.ok(progressSeen, 'the upload was not sent by the script');
      assert.equal(progressSeen.resourceType, 'xhr', 'app.js sends the form itself');
      assert.equal(progressSeen.visible, true, 'progress element shown while uploading');
      assert.equal(progressSeen.disabled, true, 'submit disabled while uploading');

      assert.equal(await page.locator('table#documents tbody tr').count(), 3);
      const rows = await page.locator('table#documents tbody').innerText();
      for (const file of Object.values(files)) assert.ok(rows.includes(file.name), `${file.name} listed`);
      for (const file of Object.values(files)) assert.ok(await page.locator(`text=Received ${file.name}.`).count() === 1);
      assert.equal(await page.locator('text=We received the last four digits of your SSN.').count(), 1);
      assert.equal(await page.locator('#ssn_last4').count(), 0, 'SSN field gone once given');
      const evidence = await page.innerText('#evidence-status');
      assert.doesNotMatch(evidence, /needed|of 2/);
      assert.equal((evidence.match(/received/g) || []).length, 3);
      assert.match(await page.locator('main').innerText(), /Everything required has arrived/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('registration and upload with JavaScript disabled: plain form posts work', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(server.baseUrl + '/register');
      const person = applicant({ ssn: '123-45-6789' });
      await fillRegistration(page, person);
      await Promise.all([page.waitForNavigation(), page.click('form[action="/register"] button[type=submit]')]);
      const reference = (await page.innerText('#case-reference')).trim();
      assert.match(reference, /^PD-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      await Promise.all([page.waitForNavigation(), page.click('a#upload-link')]);
      // The SSN was given at registration: its last four are not asked for.
      assert.equal(await page.locator('#ssn_last4').count(), 0);

      const files = await evidenceFiles(browser, person);
      await page.selectOption('#photo_id_kind', 'drivers_license');
      await page.selectOption('#statement_1_kind', 'bank_statement');
      await page.selectOption('#statement_2_kind', 'utility_bill');
      for (const [input, file] of Object.entries(files)) await page.setInputFiles(`#${input}`, file);
      const [response] = await Promise.all([
        page.waitForNavigation(),
        page.click('#upload-form button[type=submit]'),
      ]);
      assert.equal(response.request().method(), 'POST', 'a real form post, not a script');
      assert.equal(response.status(), 200);
      assert.equal(await page.locator('#upload-progress').isVisible(), false);
      assert.equal(await page.locator('table#documents tbody tr').count(), 3);
      assert.doesNotMatch(await page.innerText('#evidence-status'), /needed|of 2/);
      assert.equal(await page.locator('#evidence-complete').count(), 1);
    } finally {
      await context.close();
    }
  });
});
