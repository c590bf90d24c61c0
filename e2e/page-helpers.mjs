// Shared set-up of the end-to-end tests of the citizen form and the due-date desk: the server,
// Debian Chromium through playwright-core, a fresh context per test (Vietnamese locale, Vietnam
// time zone) that records console errors and requests leaving 127.0.0.1.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };
export const VIEWPORTS = [['phone', PHONE], ['desktop', DESKTOP]];

/** Starts the server and the browser; returns { open, close }. */
export async function setup() {
  const srv = await startServer({ port: 0 });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  /** A fresh page at `hash`, the clock fixed at `clock` (timers keep running) when given. */
  async function open({ viewport = DESKTOP, hash = '', clock = null } = {}) {
    const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', hasTouch: viewport === PHONE });
    const page = await context.newPage();
    const errors = [];
    const outside = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    context.on('request', (r) => {
      const u = new URL(r.url());
      if (!['data:', 'blob:'].includes(u.protocol) && u.hostname !== '127.0.0.1') outside.push(r.url());
    });
    if (clock) await page.clock.setFixedTime(new Date(clock));
    await page.goto(srv.url + hash);
    await page.waitForFunction(() => document.documentElement.dataset.tthcReady === '1', null, { timeout: 30_000 });
    const done = async () => {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `page wider than the screen by ${overflow}px`);
      assert.deepEqual(errors, [], 'no console errors');
      assert.deepEqual(outside, [], 'no request leaves 127.0.0.1');
      await context.close();
    };
    return { context, page, done };
  }
  const close = async () => { await browser.close(); srv.server.close(); };
  return { open, close };
}

export const panelReady = (page, id) => page.waitForSelector(`#panel-${id}[data-ready="1"]`, { timeout: 30_000 });

/** Text of an element, whitespace collapsed. */
export async function text(page, sel) {
  return (await page.textContent(sel)).replace(/\s+/g, ' ').trim();
}

export const PDF = { name: 'giay-to.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% sample\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') };
export const PNG = {
  name: 'anh.png', mimeType: 'image/png',
  buffer: Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
};

/** Picks an option of a combobox by typing `query` and pressing ArrowDown, Enter. */
export async function pickCombo(page, sel, query) {
  await page.click(sel);
  await page.fill(sel, '');
  await page.keyboard.type(query);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

/**
 * Fills every required field of the form shown (and the file inputs) with a valid value, by the
 * control's kind read from the DOM. A citizen ID 040090012345 encodes a man born in 1990.
 */
export async function fillRequired(page) {
  const controls = await page.$$eval('#submit-form [name]', (els) => els.map((e) => ({
    id: e.id, tag: e.tagName, type: e.type, name: e.name, role: e.getAttribute('role'),
    required: e.required || !!e.closest('fieldset.choices'), inputmode: e.getAttribute('inputmode'),
  })));
  const groupsDone = new Set();
  for (const c of controls) {
    const sel = `#${c.id}`;
    if (c.role === 'combobox') { await pickCombo(page, sel, 'vinh'); continue; }
    if (c.type === 'file') {
      await page.setInputFiles(sel, /photo|anh|Photos/i.test(c.name) ? PNG : PDF);
      continue;
    }
    if (!c.required && c.type !== 'tel') continue;
    if (c.tag === 'SELECT') {
      const opts = await page.$$eval(`${sel} option`, (os) => os.map((o) => o.value).filter(Boolean));
      await page.selectOption(sel, c.name === 'province' ? '40' : (/sex/i.test(c.name) ? 'male' : opts[0]));
    } else if (c.type === 'checkbox') {
      if (c.id.match(/-\d+$/)) { if (groupsDone.has(c.name)) continue; groupsDone.add(c.name); }
      await page.check(sel);
    } else if (c.type === 'date') {
      const v = /^child/i.test(c.name) ? '2020-03-01' : (/birth/i.test(c.name) ? '1990-05-20' : '2021-06-01');
      await page.fill(sel, v);
    } else {
      let v = 'Thành phố Vinh';
      if (c.type === 'tel' || /phone/i.test(c.name)) v = '0912345678';
      else if (c.type === 'email') v = 'an.nguyen@example.vn';
      else if (/id$/i.test(c.name) && c.inputmode === 'numeric') v = '040090012345';
      else if (c.name === 'licenceNumber') v = '040123456789';
      else if (c.inputmode === 'numeric' || c.inputmode === 'decimal') v = '1';
      else if (/name|head/i.test(c.name)) v = 'Nguyễn Văn An';
      await page.fill(sel, v);
    }
  }
}

/** Submits and waits for the receipt; on failure reports the errors shown. */
export async function submitForReceipt(page) {
  await page.click('#submit-button');
  await page.waitForSelector('#receipt', { timeout: 10_000 }).catch(async (e) => {
    const errs = await page.$$eval('.field-error', (els) => els.map((x) => `${x.id}: ${x.textContent}`).filter((x) => !x.endsWith(': ')));
    throw new Error(`no receipt; errors: ${errs.join(' | ')} ${e}`);
  });
}
