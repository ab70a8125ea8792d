// The reviewer's path in a real Chromium: sign-in (refused, then accepted), the queue, a case with its document
// images, claim and approve (the account email exactly once), a second reviewer kept out of a claimed case,
// and the reject path with its required reason.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { launchBrowser, newContext, seedReadyCase, signIn, watchConsole } from './fixtures.mjs';
import { readOutbox, reviewerPassword, startServer, waitFor } from './server.mjs';

describe('reviewer in Chromium', { timeout: 150000 }, () => {
  let server;
  let browser;
  let approveCase;
  let rejectCase;
  let rita;  // the first reviewer's context; the sign-in test signs it in, the later tests use that session
  let oscar;

  before(async () => {
    server = await startServer({
      reviewers: [{ id: 'rita', name: 'Rita Reviewer' }, { id: 'oscar', name: 'Oscar Checker' }],
    });
    browser = await launchBrowser();
    approveCase = await seedReadyCase(server.baseUrl, browser);
    rejectCase = await seedReadyCase(server.baseUrl, browser, { first_name: 'Marisol', last_name: 'Quenneville' });
    rita = await newContext(browser);
    oscar = await newContext(browser);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('sign-in: a wrong password is refused with a message; the right one opens the queue', async () => {
    const page = await rita.newPage();
    const gate = await page.goto(server.baseUrl + '/review');
    assert.match(gate.url(), /\/review\/signin$/, 'the queue needs a session');

    await page.fill('#user_id', 'rita');
    await page.fill('#password', 'Wrong#Password99');
    const [refused] = await Promise.all([page.waitForNavigation(), page.click('form[action="/review/signin"] button')]);
    assert.equal(refused.status(), 401);
    assert.match(await page.innerText('#signin-error'), /not correct/);
    assert.equal(await page.inputValue('#password'), '', 'the password is not sent back');

    await signIn(page, server.baseUrl, 'rita', reviewerPassword);
    assert.match(page.url(), /\/review$/);
    const queue = page.locator('table#queue');
    for (const { reference } of [approveCase, rejectCase]) {
      assert.equal(await queue.locator(`a[href="/review/cases/${reference}"]`).count(), 1, `${reference} queued`);
    }
    assert.equal(await page.innerText('#queue-total'), '2');
    assert.match(await page.locator('header.usa-header').innerText(), /Sign out Rita Reviewer/);
    await page.close();
  });

  test('case page: documents shown as images, claim, a second reviewer kept out, approve, one account email', async () => {
    const page = await rita.newPage();
    const problems = watchConsole(page);
    await page.goto(server.baseUrl + '/review');
    await Promise.all([page.waitForNavigation(), page.click(`a[href="/review/cases/${approveCase.reference}"]`)]);
    assert.equal(await page.innerText('#case-reference'), approveCase.reference);
    assert.equal(await page.innerText('#case-state'), 'Ready for review');
    assert.match(await page.locator('.pd-profile').innerText(), /Brennecke/);
    assert.match(await page.innerText('#evidence-summary'), /1 STRONG \+ 2 FAIR: met/);
    // The checklist beside the documents: a row per check, each result in words (not colour alone).
    assert.ok(await page.locator('table#checks tr.pd-check').count() > 0, 'the checks are listed');
    assert.equal(await page.innerText('#checks-failed'), '0', 'the seeded set matches its registration');
    for (const tag of await page.locator('table#checks .usa-tag').allInnerTexts()) assert.match(tag.trim(), /^(pass|fail|look)$/i);

    // Every page image loads (lazy images are scrolled to first) and is a real picture.
    const images = page.locator('figure.pd-page img');
    const count = await images.count();
    assert.ok(count >= 3, `${count} page image(s) for three documents`);
    for (let i = 0; i < count; i++) {
      const image = images.nth(i);
      await image.scrollIntoViewIfNeeded();
      const width = await waitFor(`image ${i} to load`, () =>
        image.evaluate((img) => (img.complete && img.naturalWidth > 0 ? img.naturalWidth : 0)), 10000);
      assert.ok(width > 0);
      assert.match(await image.getAttribute('alt'), /page \d+/);
    }

    // Claim.
    assert.equal(await page.locator('#approve').count(), 0, 'no decision before claiming');
    await Promise.all([page.waitForNavigation(), page.click('button#claim')]);
    assert.match(await page.locator('main').innerText(), /You are working on this case/);
    assert.equal(await page.locator('button#approve').count(), 1);

    // Oscar signs in elsewhere: the case is Rita's, with no claim button, and a forged claim is refused.
    const other = await oscar.newPage();
    await signIn(other, server.baseUrl, 'oscar', reviewerPassword);
    const row = other.locator('table#queue tr', { has: other.locator(`a[href="/review/cases/${approveCase.reference}"]`) });
    assert.match(await row.innerText(), /rita/);
    await other.goto(`${server.baseUrl}/review/cases/${approveCase.reference}`);
    assert.match(await other.locator('main').innerText(), /rita is working on this case/);
    assert.equal(await other.locator('button#claim').count(), 0);
    assert.equal(await other.locator('button#approve').count(), 0);
    const csrf = await other.getAttribute('form[action="/review/signout"] input[name=csrf]', 'value');
    const forced = await other.request.post(`${server.baseUrl}/review/cases/${approveCase.reference}/claim`, {
      form: { csrf }, maxRedirects: 0,
    });
    assert.ok(forced.status() >= 400, `a second claim was accepted (${forced.status()})`);
    const approveForced = await other.request.post(`${server.baseUrl}/review/cases/${approveCase.reference}/approve`, {
      form: { csrf }, maxRedirects: 0,
    });
    assert.ok(approveForced.status() >= 400, `oscar approved a case claimed by rita (${approveForced.status()})`);
    await other.reload();
    assert.match(await other.locator('main').innerText(), /rita is working on this case/);

    // Approve.
    await Promise.all([page.waitForNavigation(), page.click('button#approve')]);
    assert.match(page.url(), /\/review\?done=approve$/);
    assert.equal(await page.locator(`table#queue a[href="/review/cases/${approveCase.reference}"]`).count(), 0);
    await page.goto(`${server.baseUrl}/review/cases/${approveCase.reference}`);
    assert.equal(await page.innerText('#case-state'), 'Approved');
    assert.equal(await page.locator('button#claim, button#approve').count(), 0, 'a final case takes no action');

    const created = () => readOutbox(server.outbox).filter((m) => m.subject === 'Your account has been created');
    const mails = await waitFor('the account-created email', () => (created().length ? created() : null));
    assert.equal(mails.length, 1);
    assert.ok(mails[0].to.includes(approveCase.person.email), mails[0].to);
    assert.ok(mails[0].text.includes(approveCase.person.user_id), 'the email names the user ID');
    // Still exactly one a moment later (the outbox worker does not resend).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(created().length, 1);
    assert.deepEqual(problems, []);
    await other.close();
    await page.close();
  });

  test('reject: a reason is required; with one the case is Rejected and the applicant is told', async () => {
    const page = await rita.newPage();
    const { reference, person } = rejectCase;
    await page.goto(`${server.baseUrl}/review/cases/${reference}`);
    await Promise.all([page.waitForNavigation(), page.click('button#claim')]);

    // No reason chosen: refused, nothing changes, nothing is sent.
    await Promise.all([page.waitForNavigation(), page.click('button#reject')]);
    assert.match(await page.innerText('#case-problem'), /a reason is required/);
    assert.equal(await page.innerText('#case-state'), 'Ready for review');

    await page.selectOption('#reason_code', 'address_mismatch');
    await page.fill('#details', 'The power bill shows a different street.');
    await Promise.all([page.waitForNavigation(), page.click('button#reject')]);
    assert.match(page.url(), /\/review\?done=reject$/);
    await page.goto(`${server.baseUrl}/review/cases/${reference}`);
    assert.equal(await page.innerText('#case-state'), 'Rejected');
    assert.match(await page.locator('#history').innerText(), /reject/);

    const isRejection = (m) => m.subject.includes(reference) && /not approved/.test(m.subject);
    const mail = await waitFor('the rejection email', () => readOutbox(server.outbox).find(isRejection));
    assert.ok(mail.to.includes(person.email), mail.to);
    assert.match(mail.text, /address on the statements does not match/);
    assert.match(mail.text, /different street/);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(readOutbox(server.outbox).filter(isRejection).length, 1);
    assert.equal(readOutbox(server.outbox).filter((m) => m.subject === 'Your account has been created').length, 1,
      'the rejected case created no account');
    await page.close();
  });
});
