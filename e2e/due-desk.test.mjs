// End-to-end tests of the due-date desk (Tính ngày hẹn trả) in Debian Chromium, at phone
// (390×844) and desktop width: the figures a clerk checks (time limit, working time counted,
// paused time) are each right, paused days have their own colour and legend entry, the office
// hours used and the cut-off are shown, messages name the page's fields (never internal names),
// a blank time limit is an error, not 0, and a time limit with decimals is read and shown as
// typed ("1,5" is one and a half, never 15 or 2).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, panelReady, text, VIEWPORTS } from './page-helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

async function openDesk(viewport) {
  const o = await env.open({ viewport, hash: '#ngay-hen', clock: '2026-01-05T08:00:00+07:00' });
  await panelReady(o.page, 'due');
  return o;
}

/** Fills the desk (a custom time, no procedure), computes, waits for the due moment. */
async function compute(page, { at, amount, unit = 'workingDays', cutoff = '', pauses = [] }, dueAt) {
  await page.fill('#due-received', at);
  await page.selectOption('#due-procedure', '');
  await page.selectOption('#due-unit', unit);
  if (unit !== 'sameDay') await page.fill('#due-amount', String(amount));
  await page.fill('#due-cutoff', cutoff);
  while (await page.locator('#due-pauses li').count()) await page.locator('#due-pauses li button >> nth=0').click();
  for (const [i, [from, to]] of pauses.entries()) {
    await page.click('#due-add-pause');
    await page.locator('.pause-from').nth(i).fill(from);
    await page.locator('.pause-to').nth(i).fill(to);
  }
  await page.click('#due-compute');
  if (dueAt) await page.waitForFunction((d) => document.getElementById('due-result').dataset.dueAt === d, dueAt);
}

for (const [tag, viewport] of VIEWPORTS) {
  test(`${tag}: a tap on "Tính" right after typing draws the answer once (the field's change and the submit used to draw it twice)`, async () => {
    const { page, done } = await openDesk(viewport);
    await page.fill('#due-received', '2026-02-13T10:15');
    await page.selectOption('#due-procedure', '');
    await page.click('#due-amount');
    await page.fill('#due-amount', '7');
    // Each drawing is one batch of changes under #due-result (one task); the focus still is in the amount field.
    await page.evaluate(() => {
      window.dueDraws = 0;
      new MutationObserver(() => { window.dueDraws += 1; }).observe(document.getElementById('due-result'), { childList: true, subtree: true });
    });
    await page.click('#due-compute');
    await page.waitForFunction(() => document.getElementById('due-result').dataset.dueAt === '2026-03-03T10:15:00+07:00');
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.dueDraws), 1);
    // The answer has the focus, as after any "Tính".
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'due-result');
    await done();
  });

  test(`${tag}: the figures match the time limit: 10 working days show 10, 3 show 3, 30 calendar days show 30 calendar days`, async () => {
    const { page, done } = await openDesk(viewport);
    await compute(page, { at: '2026-02-13T10:15', amount: 10 }, '2026-03-06T10:15:00+07:00');
    assert.equal(await text(page, '#due-limit'), '10 ngày làm việc');
    assert.equal(await text(page, '#due-counted'), '10 ngày làm việc (80 giờ)');
    assert.equal(await text(page, '#due-paused'), '0 phút làm việc');
    await compute(page, { at: '2026-02-13T10:15', amount: 3 }, '2026-02-25T10:15:00+07:00');
    assert.equal(await text(page, '#due-counted'), '3 ngày làm việc (24 giờ)');
    await compute(page, { at: '2025-10-15T16:00', amount: 1, unit: 'workingHours' }, '2025-10-15T17:00:00+07:00');
    assert.equal(await text(page, '#due-limit'), '1 giờ làm việc');
    assert.equal(await text(page, '#due-counted'), '1 giờ làm việc');
    // 30 calendar days from Fri 14/8/2026: the 30th day is Sun 13/9, so the result is due Mon 14/9.
    await compute(page, { at: '2026-08-14T16:00', amount: 30, unit: 'calendarDays' }, '2026-09-14T17:00:00+07:00');
    assert.equal(await text(page, '#due-limit'), '30 ngày (theo lịch)');
    const counted = await text(page, '#due-counted');
    assert.match(counted, /^30 ngày theo lịch, kể từ sau ngày tiếp nhận 14\/08\/2026 đến hết ngày 13\/09\/2026\./);
    assert.match(counted, /ngày làm việc tiếp theo, 14\/09\/2026\.$/);
    assert.match(await text(page, '#due-paused'), /Không áp dụng/);
    // Every calendar day after the receipt is counted, weekends included.
    assert.match(await page.getAttribute('td[data-date="2026-09-13"]', 'class'), /counted/);
    // The same figures in English.
    await page.click('#lang');
    await compute(page, { at: '2026-02-13T10:15', amount: 10 }, '2026-03-06T10:15:00+07:00');
    assert.equal(await text(page, '#due-counted'), '10 days of working time (80 hours)');
    assert.equal(await text(page, '#due-limit'), '10 working days');
    await page.click('#lang');
    await done();
  });

  test(`${tag}: paused days have their own colour and legend entry; the paused time is shown`, async () => {
    const { page, done } = await openDesk(viewport);
    await compute(page, { at: '2026-06-01T08:30', amount: 5, pauses: [['2026-06-02T14:00', '2026-06-04T09:30']] }, '2026-06-09T16:00:00+07:00');
    assert.equal(await text(page, '#due-paused'), '1 ngày 5 giờ 30 phút làm việc'); // 810 minutes
    assert.equal(await text(page, '#due-counted'), '5 ngày làm việc (40 giờ)');
    const cls = (d) => page.getAttribute(`td[data-date="${d}"]`, 'class');
    assert.match(await cls('2026-06-03'), /\bpaused\b/);
    assert.doesNotMatch(await cls('2026-06-03'), /\bcounted\b/, 'a fully paused day is not shown as counted');
    assert.match(await cls('2026-06-02'), /\bpart-paused\b/);
    assert.match(await cls('2026-06-04'), /\bpart-paused\b/);
    assert.match(await cls('2026-06-05'), /\bcounted\b/);
    assert.doesNotMatch(await cls('2026-06-05'), /paused/);
    assert.match(await page.getAttribute('td[data-date="2026-06-03"]', 'title'), /Tạm dừng, không tính/);
    const legend = page.locator('.legend li[data-legend="paused"]');
    assert.equal(await text(page, '.legend li[data-legend="paused"]'), 'Tạm dừng, không tính');
    // Its swatch looks different from a counted day's.
    const bg = (sel) => page.$eval(sel, (el) => getComputedStyle(el).backgroundImage + getComputedStyle(el).backgroundColor);
    assert.notEqual(await bg('.legend li[data-legend="paused"] .swatch'), await bg('.legend li[data-legend="counted"] .swatch'));
    assert.notEqual(await bg('td[data-date="2026-06-03"]'), await bg('td[data-date="2026-06-05"]'));
    assert.equal(await legend.count(), 1);
    await done();
  });

  test(`${tag}: the office hours used (Nghệ An summer and winter) and the cut-off are shown`, async () => {
    const { page, done } = await openDesk(viewport);
    // Winter hours; received after the 15:00 cut-off.
    await compute(page, { at: '2025-11-20T15:20', amount: 1, cutoff: '15:00' }, '2025-11-21T17:00:00+07:00');
    assert.match(await text(page, '#due-hours'), /^07:30–12:00, 13:30–17:00 — giờ mùa đông \(16\/10–15\/4\), 21\/11\/2025$/);
    assert.equal(await text(page, '#due-cutoff-used'), 'Tiếp nhận lúc 15:20 20/11/2025, từ giờ chốt 15:00 trở đi: bắt đầu tính từ ngày làm việc tiếp theo.');
    assert.match(await text(page, '#due-start'), /07 giờ 30 phút, thứ Sáu, ngày 21 tháng 11 năm 2025 — tiếp nhận từ giờ chốt 15:00 trở đi/);
    // Summer hours; received in the lunch break (no cut-off line without a cut-off).
    await compute(page, { at: '2025-06-30T12:45', amount: 20 }, '2025-07-28T11:30:00+07:00');
    assert.match(await text(page, '#due-hours'), /^07:00–11:30, 13:30–17:00 — giờ mùa hè \(16\/4–15\/10\), từ 30\/06\/2025 đến 28\/07\/2025$/);
    assert.match(await text(page, '#due-start'), /13 giờ 30 phút.*giờ nghỉ trưa/);
    assert.equal(await page.locator('#due-cutoff-used').count(), 0);
    // Across 16 October: both seasons, each with its days.
    await compute(page, { at: '2025-10-14T09:00', amount: 3 }, '2025-10-17T09:30:00+07:00');
    const hours = await page.$$eval('#due-hours li', (xs) => xs.map((x) => x.textContent));
    assert.deepEqual(hours, [
      '07:00–11:30, 13:30–17:00 — giờ mùa hè (16/4–15/10), từ 14/10/2025 đến 15/10/2025',
      '07:30–12:00, 13:30–17:00 — giờ mùa đông (16/10–15/4), từ 16/10/2025 đến 17/10/2025',
    ]);
    // A cut-off that did not apply says so.
    await compute(page, { at: '2025-11-20T10:00', amount: 1, cutoff: '15:00' }, '2025-11-21T10:00:00+07:00');
    assert.match(await text(page, '#due-cutoff-used'), /không làm thay đổi/);
    await done();
  });

  test(`${tag}: messages name the page's fields, never internal names; a blank time limit is an error, not 0`, async () => {
    const { page, done } = await openDesk(viewport);
    // Blank time limit: no due date (it used to equal the receipt time).
    await compute(page, { at: '2026-02-13T10:15', amount: '' });
    await page.waitForSelector('#due-result .error');
    assert.equal(await page.evaluate(() => document.getElementById('due-result').dataset.dueAt ?? null), null);
    assert.equal(await page.getAttribute('#due-amount', 'aria-invalid'), 'true');
    assert.equal(await text(page, '#due-amount-error'), 'Hãy nhập thời hạn giải quyết, ví dụ 3.');
    assert.match(await text(page, '#due-result'), /Thời hạn: Hãy nhập thời hạn giải quyết/);
    assert.equal(await page.locator('#due-at').count(), 0);
    // Negative.
    await compute(page, { at: '2026-02-13T10:15', amount: -1 });
    await page.waitForSelector('#due-result .error');
    let msg = await text(page, '#due-result');
    assert.doesNotMatch(msg, /\[amount\]|\(amount\)|amount/);
    assert.match(msg, /Thời hạn: Thời hạn không được là số âm\./);
    // A pause ending before it starts.
    await compute(page, { at: '2026-02-13T10:15', amount: 3, pauses: [['2026-02-23T08:00', '2026-02-20T10:00']] });
    await page.waitForSelector('#due-result .error');
    msg = await text(page, '#due-result');
    assert.doesNotMatch(msg, /pauses|\[|\]/);
    assert.match(msg, /Tạm dừng 1, đến: Thời điểm kết thúc tạm dừng phải sau thời điểm bắt đầu\./);
    assert.equal(await page.getAttribute('.pause-to', 'aria-invalid'), 'true');
    // An error from the engine (a year outside the calendar) is shown with the page's label.
    await compute(page, { at: '2150-02-13T10:15', amount: 3 });
    await page.waitForSelector('#due-result .error');
    msg = await text(page, '#due-result');
    assert.doesNotMatch(msg, /receivedAt|\[|\]/);
    assert.match(msg, /Thời điểm tiếp nhận: Lịch làm việc chỉ hỗ trợ các năm 1900–2100\./);
    assert.equal(await page.getAttribute('#due-received', 'aria-invalid'), 'true');
    // Fixed: the errors go and the due date is computed.
    await compute(page, { at: '2026-02-13T10:15', amount: 3 }, '2026-02-25T10:15:00+07:00');
    assert.equal(await page.locator('#due-form [aria-invalid="true"]').count(), 0);
    assert.equal(await text(page, '#due-amount-error'), '');
    // In English, the labels are English too.
    await page.click('#lang');
    await compute(page, { at: '2026-02-13T10:15', amount: '' });
    await page.waitForSelector('#due-result .error');
    assert.match(await text(page, '#due-result'), /Time allowed: Enter the time limit, e\.g\. 3\./);
    await page.click('#lang');
    await done();
  });

  test(`${tag}: a time limit with decimals is shown as given, not rounded: 1,5 ngày, 2,5 giờ, 0,5, 0,01; 1.5 in English`, async () => {
    const { page, done } = await openDesk(viewport);
    // Mon 1/6/2026, summer hours 07:00–11:30, 13:30–17:00.
    await compute(page, { at: '2026-06-01T08:30', amount: '1.5' }, '2026-06-02T14:30:00+07:00');
    assert.equal(await text(page, '#due-limit'), '1,5 ngày làm việc');
    assert.equal(await text(page, '#due-counted'), '1 ngày 4 giờ làm việc (12 giờ)');
    await compute(page, { at: '2026-06-01T08:30', amount: '2.5', unit: 'workingHours' }, '2026-06-01T11:00:00+07:00');
    assert.equal(await text(page, '#due-limit'), '2,5 giờ làm việc');
    assert.equal(await text(page, '#due-counted'), '2 giờ 30 phút làm việc');
    await compute(page, { at: '2026-06-01T08:30', amount: '0.5' }, '2026-06-01T14:30:00+07:00');
    assert.equal(await text(page, '#due-limit'), '0,5 ngày làm việc');
    await compute(page, { at: '2026-06-01T08:30', amount: '0.01' });
    await page.waitForSelector('#due-limit');
    assert.equal(await text(page, '#due-limit'), '0,01 ngày làm việc');
    // The procedure list and the receipt use the same wording (timeText).
    const timeText = (p) => page.evaluate(async (x) => (await import('./due.js')).timeText(x), p);
    assert.equal(await timeText({ amount: 1.5, unit: 'workingDays' }), '1,5 ngày làm việc');
    assert.equal(await timeText({ amount: 3650, unit: 'calendarDays' }), '3.650 ngày (theo lịch)');
    await page.click('#lang');
    await compute(page, { at: '2026-06-01T08:30', amount: '1.5' }, '2026-06-02T14:30:00+07:00');
    assert.equal(await text(page, '#due-limit'), '1.5 working days');
    assert.equal(await timeText({ amount: 2.5, unit: 'workingHours' }), '2.5 working hours');
    // One is singular in English.
    assert.equal(await timeText({ amount: 1, unit: 'workingDays' }), '1 working day');
    assert.equal(await timeText({ amount: 1, unit: 'workingHours' }), '1 working hour');
    assert.equal(await timeText({ amount: 1, unit: 'calendarDays' }), '1 calendar day');
    await page.click('#lang');
    assert.equal(await timeText({ amount: 1, unit: 'workingDays' }), '1 ngày làm việc');
    await done();
  });

  test(`${tag}: "1,5" typed on the keyboard is one and a half days, not 15; a number that is not plain is refused, Vietnamese first`, async () => {
    const { page, done } = await openDesk(viewport);
    assert.equal(await page.getAttribute('#due-amount', 'type'), 'text');
    assert.equal(await page.getAttribute('#due-amount', 'inputmode'), 'decimal');
    await page.fill('#due-received', '2026-06-01T08:30');
    const type = async (typed) => {
      await page.fill('#due-amount', '');
      await page.focus('#due-amount');
      await page.keyboard.type(typed);
      await page.keyboard.press('Enter');
    };
    for (const typed of ['1,5', '1.5', ' 1,50 ']) {
      // Another answer in between, so that each spelling is seen to give its own.
      await type('2');
      await page.waitForFunction(() => (document.getElementById('due-result').dataset.dueAt ?? '2026-06-02T14:30:00+07:00') !== '2026-06-02T14:30:00+07:00');
      await type(typed);
      await page.waitForFunction(() => document.getElementById('due-result').dataset.dueAt === '2026-06-02T14:30:00+07:00');
      assert.equal(await text(page, '#due-counted'), '1 ngày 4 giờ làm việc (12 giờ)', typed);
      assert.equal(await text(page, '#due-limit'), '1,5 ngày làm việc', typed);
    }
    const refused = async (typed, message) => {
      await type(typed);
      await page.waitForSelector('#due-result .error');
      assert.equal(await page.evaluate(() => document.getElementById('due-result').dataset.dueAt ?? null), null, typed);
      assert.equal(await page.getAttribute('#due-amount', 'aria-invalid'), 'true', typed);
      assert.equal(await text(page, '#due-amount-error'), message, typed);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'due-amount', typed);
    };
    const notNumber = 'Thời hạn phải là một số, ví dụ 3 hoặc 1,5.';
    await refused('1.000,5', notNumber);
    await refused('1,5 ngày', notNumber);
    await refused('1,2,3', notNumber);
    await refused('abc', notNumber);
    await refused('1e3', notNumber);
    // One thousand or one? Either reading is a valid time: the page asks instead of guessing.
    await refused('1.000', 'Không rõ “1.000” là số nghìn hay số lẻ: số nghìn viết liền (1000), số lẻ viết 1,5.');
    await refused('2,500', 'Không rõ “2,500” là số nghìn hay số lẻ: số nghìn viết liền (1000), số lẻ viết 1,5.');
    await refused('3651', 'Thời hạn không được quá 3.650.');
    await refused('-1,5', 'Thời hạn không được là số âm.');
    // 0 and 3650 are the ends of the range; 0,125 is no thousand.
    await type('0,125');
    await page.waitForSelector('#due-limit');
    assert.equal(await text(page, '#due-limit'), '0,125 ngày làm việc');
    await type('3650');
    await page.waitForSelector('#due-limit');
    assert.equal(await text(page, '#due-limit'), '3.650 ngày làm việc');
    // The same day: no time limit to type.
    await page.selectOption('#due-unit', 'sameDay');
    assert.equal(await page.isDisabled('#due-amount'), true);
    // In English, the same rules and English words.
    await page.selectOption('#due-unit', 'workingDays');
    await page.click('#lang');
    await refused('1,5 days', 'The time limit must be a number, e.g. 3 or 1.5.');
    await refused('1,000', 'Is “1,000” a thousand or a decimal? Write thousands without a separator (1000) and decimals as 1.5.');
    await refused('9999', 'The time limit must not be more than 3,650.');
    await type('1,5');
    await page.waitForSelector('#due-limit');
    assert.equal(await text(page, '#due-limit'), '1.5 working days');
    await page.click('#lang');
    await done();
  });
}
