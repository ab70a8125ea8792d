// Shared pieces of the browser tests: Chromium, synthetic applicants and documents, seeding cases over HTTP,
// axe-core. Every person, address and document here is invented.
import { createRequire } from 'node:module';
import { chromium, request as playwrightRequest } from 'playwright-core';

const require = createRequire(import.meta.url);
export const axePath = require.resolve('axe-core');

/** Debian's Chromium, headless, with a fresh profile (chromium.launch makes a temporary user data dir). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A browser context whose actions fail after 30 s. (10 s was too short on a CI machine whose two cores also run
 * the OCR suites and a build: an approval, which recomputes the checks while the server's readers OCR the
 * seeded documents, once took longer.)
 */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(30000);
  return context;
}

let serial = 0;

// User ID suffixes use only characters that the password below lacks, so that no 4-character run of a user ID
// can ever appear in the password (which the registration rules would refuse).
const tagAlphabet = 'kmnpqsuwxyz1345678';

function uniqueTag() {
  serial += 1;
  let n = (Date.now() % 1e9) * 1000 + serial;
  let tag = '';
  while (n > 0) {
    tag = tagAlphabet[n % tagAlphabet.length] + tag;
    n = Math.floor(n / tagAlphabet.length);
  }
  return tag;
}

/** A valid registration for an invented person, with a user ID and email unique within a run. */
export function applicant(overrides = {}) {
  const tag = uniqueTag();
  return {
    first_name: 'Odalys',
    middle_name: 'Q',
    last_name: 'Brennecke',
    date_of_birth: '1979-06-14',
    street: '418 Larkspur Ave',
    unit: 'Apt 2B',
    city: 'Dayton',
    state: 'OH',
    zip: '45402',
    email: `odalys.${tag}@example.net`,
    phone: '937-555-0164',
    user_id: `obren.${tag}`,
    password: 'Harbor#Violet2029',
    password_confirm: 'Harbor#Violet2029',
    challenge_answer: 'copper kettle',
    ssn: '',
    ...overrides,
  };
}

/** Fills the registration form of `page` (already on /register) with `person`; challenge question index 1. */
export async function fillRegistration(page, person, { chooseQuestion = true } = {}) {
  for (const [name, value] of Object.entries(person)) {
    if (name === 'state') await page.selectOption('#state', value);
    else await page.fill(`#${name}`, value);
  }
  if (chooseQuestion) await page.selectOption('#challenge_question', { index: 1 });
}

/** A one-page born-digital PDF whose text lines are `lines`, with a correct cross-reference table. */
export function syntheticPdf(lines) {
  const escape = (s) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const text = lines.map((line, i) => `BT /F1 12 Tf 72 ${720 - i * 18} Td (${escape(line)}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Today as YYYY-MM-DD, for statements that must be recent. */
export function today() {
  return new Date().toISOString().slice(0, 10);
}

/**
 * An invented license number of 6 digits after SX, different for each invented person (by user ID): two cases
 * showing the same number are flagged by the check reuse, as they should be.
 */
function licenseNumber(person) {
  let hash = 7;
  for (const c of person.user_id) hash = (hash * 31 + c.charCodeAt(0)) % 1000000;
  return `SX${String(hash).padStart(6, '0')}`;
}

/**
 * Real PNGs made by Chromium itself: a screenshot of an invented ID card and of an invented utility bill,
 * rendered in a scratch page of `browser`. Returns {idCard, bill} as Buffers.
 */
export async function syntheticImages(browser, person) {
  const context = await newContext(browser, { viewport: { width: 900, height: 700 } });
  try {
    const page = await context.newPage();
    await page.setContent(`<!DOCTYPE html><html><body style="margin:20px;font-family:sans-serif">
      <div id="card" style="width:540px;height:340px;border-radius:18px;background:#e8f1fa;border:2px solid #1a4480;
           position:relative;color:#1b1b1b">
        <div style="background:#1a4480;color:#fff;padding:10px 18px;border-radius:16px 16px 0 0;font-weight:bold">
          STATE OF OHIO &middot; DRIVER LICENSE &middot; SPECIMEN</div>
        <div style="position:absolute;left:18px;top:64px;width:130px;height:170px;background:#a9aeb1"></div>
        <div style="position:absolute;left:170px;top:64px;line-height:1.6">
          <div>DL NO. ${licenseNumber(person)}</div>
          <div>${person.last_name.toUpperCase()}</div>
          <div>${person.first_name.toUpperCase()} ${person.middle_name}</div>
          <div>${person.street.toUpperCase()}</div>
          <div>${person.city.toUpperCase()}, ${person.state} ${person.zip}</div>
          <div>DOB ${person.date_of_birth} &nbsp; EXP 2031-06-14</div>
        </div>
      </div>
      <div id="bill" style="width:600px;height:420px;background:#fff;border:1px solid #565c65;padding:24px;
           margin-top:20px;box-sizing:border-box">
        <h2 style="margin:0 0 12px">Larkspur Valley Power &amp; Light</h2>
        <p>Statement date: ${today()}</p>
        <p>${person.first_name} ${person.last_name}<br>${person.street} ${person.unit}<br>
           ${person.city}, ${person.state} ${person.zip}</p>
        <p>Amount due: $84.12 &middot; Account 0000-SAMPLE</p>
      </div></body></html>`);
    return {
      idCard: await page.locator('#card').screenshot({ type: 'png' }),
      bill: await page.locator('#bill').screenshot({ type: 'png' }),
    };
  } finally {
    await context.close();
  }
}

/** The three documents a complete case needs, as Playwright file payloads. */
export async function evidenceFiles(browser, person) {
  const { idCard, bill } = await syntheticImages(browser, person);
  const bank = syntheticPdf([
    'Fernhill Community Credit Union',
    `Statement date: ${today()}`,
    `${person.first_name} ${person.last_name}`,
    `${person.street} ${person.unit}`,
    `${person.city}, ${person.state} ${person.zip}`,
    'Closing balance: $1,204.55',
  ]);
  return {
    photo_id: { name: 'license-front.png', mimeType: 'image/png', buffer: idCard },
    statement_1: { name: 'credit-union-statement.pdf', mimeType: 'application/pdf', buffer: bank },
    statement_2: { name: 'power-bill.png', mimeType: 'image/png', buffer: bill },
  };
}

function hiddenValue(html, name) {
  const match = new RegExp(`name="${name}" value="([^"]+)"`).exec(html);
  if (!match) throw new Error(`no hidden field ${name} in the page`);
  return match[1];
}

/**
 * Registers an applicant and uploads the three documents (plus the SSN's last four) over plain HTTP, so the
 * case is ready for review. Returns {reference, uploadPath, person}.
 */
export async function seedReadyCase(baseUrl, browser, overrides = {}) {
  const person = applicant(overrides);
  const http = await playwrightRequest.newContext({ baseURL: baseUrl });
  try {
    const form = await http.get('/register');
    const csrf = hiddenValue(await form.text(), 'csrf');
    const questions = /<select[^>]*id="challenge_question"[\s\S]*?<\/select>/.exec(await form.text())[0];
    const question = [...questions.matchAll(/<option value="([^"]+)"/g)][0][1];
    const registered = await http.post('/register', {
      form: { csrf, ...person, challenge_question: question.replace(/&#39;/g, "'").replace(/&amp;/g, '&') },
    });
    const body = await registered.text();
    if (registered.status() !== 200) throw new Error(`seeding registration refused (${registered.status()})`);
    const reference = /id="case-reference">(PD-[0-9A-Z]{4}-[0-9A-Z]{4})</.exec(body)[1];
    const uploadPath = /id="upload-link" href="([^"]+)"/.exec(body)[1];
    const page = await http.get(uploadPath);
    const files = await evidenceFiles(browser, person);
    const uploaded = await http.post(uploadPath, {
      multipart: {
        csrf: hiddenValue(await page.text(), 'csrf'),
        photo_id_kind: 'drivers_license',
        statement_1_kind: 'bank_statement',
        statement_2_kind: 'utility_bill',
        ...files,
        ssn_last4: '4821',
      },
    });
    if (uploaded.status() !== 200) throw new Error(`seeding upload refused (${uploaded.status()}): ${await uploaded.text()}`);
    return { reference, uploadPath, person };
  } finally {
    await http.dispose();
  }
}

/** Signs `page` in as `userId` with `password` through the sign-in form. */
export async function signIn(page, baseUrl, userId, password) {
  await page.goto(`${baseUrl}/review/signin`);
  await page.fill('#user_id', userId);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/review/signin"] button[type=submit]')]);
}

/** Runs axe-core on the loaded page; returns the violations of impact serious or critical. */
export async function seriousViolations(page) {
  await page.addScriptTag({ path: axePath });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/**
 * Records console errors (CSP refusals show up here), uncaught exceptions and responses of 400 and more of
 * `page`, except those whose status is in `expectedStatuses`.
 */
export function watchConsole(page, { expectedStatuses = [] } = {}) {
  const problems = [];
  page.on('console', (message) => {
    // Failed loads are reported below with their address.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !expectedStatuses.includes(response.status()))
      problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  return problems;
}
