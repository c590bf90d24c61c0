// End-to-end tests of the citizen form (Nộp hồ sơ) in Debian Chromium, at phone (390×844) and
// desktop width: the receipt names the form's own procedure and follows the language switch,
// cross-field errors never go stale, errors wait for the user to leave a field (or pause) and go
// as soon as the value is valid, several licence classes can be chosen, the commune is an
// accessible combobox with diacritic-insensitive search that announces its matches only while open,
// "Làm lại" and "Nộp hồ sơ khác" give back Nghệ An with its own communes, the error summary follows
// the errors shown (in either language), citizen wording, and the receipts of the procedures added
// from the catalogue.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, panelReady, text, fillRequired, submitForReceipt, pickCombo, VIEWPORTS, PDF } from './page-helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

async function openForm(viewport, id, clock = '2026-03-10T09:00:00+07:00') {
  const o = await env.open({ viewport, hash: '#nop-ho-so', clock });
  await panelReady(o.page, 'submit');
  await o.page.selectOption('#submit-procedure', id);
  await o.page.waitForFunction(() => document.querySelectorAll('#submit-form [name]').length > 3);
  return o;
}
const errorOf = (page, name) => text(page, `#f-${name}-error`);

for (const [tag, viewport] of VIEWPORTS) {
  test(`${tag}: the household-business receipt names registration (1.001612), in the language chosen, back and forth`, async () => {
    const { page, done } = await openForm(viewport, 'dang-ky-ho-kinh-doanh');
    assert.match(await text(page, '#submit-info'), /Thời hạn giải quyết: 3 ngày làm việc\./);
    await fillRequired(page);
    await submitForReceipt(page);
    const proc = await text(page, '#receipt-procedure');
    assert.equal(proc, 'Đăng ký thành lập hộ kinh doanh (1.001612)');
    assert.doesNotMatch(proc, /thay đổi/);
    assert.equal(await page.getAttribute('#receipt', 'data-due-at'), '2026-03-13T09:00:00+07:00');
    // English, then Vietnamese again: every line of the slip follows.
    await page.click('#lang');
    assert.equal(await text(page, '#receipt-h'), 'Dossier receipt and appointment slip');
    assert.equal(await text(page, '#receipt-procedure'), 'Registration of a household business (1.001612)');
    assert.match(await text(page, '#receipt-due'), /^09:00, Friday 13 March 2026$/);
    assert.match(await text(page, '#receipt'), /SOCIALIST REPUBLIC OF VIET NAM/);
    assert.doesNotMatch(await text(page, '#receipt'), /Giấy tiếp nhận|Thời gian|Người nộp/);
    await page.click('#lang');
    assert.equal(await text(page, '#receipt-h'), 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
    assert.equal(await text(page, '#receipt-procedure'), 'Đăng ký thành lập hộ kinh doanh (1.001612)');
    assert.match(await text(page, '#receipt-due'), /^09 giờ 00 phút, thứ Sáu, ngày 13 tháng 03 năm 2026$/);
    assert.doesNotMatch(await text(page, '#receipt'), /Dossier|Received|Result appointment|Applicant/);
    assert.equal(await page.evaluate(() => document.getElementById('receipt').lang), 'vi');
    await done();
  });

  test(`${tag}: cross-field errors follow every field they involve (ID ↔ sex, ID ↔ birth date, issue date ↔ birth date, phone ↔ e-mail)`, async () => {
    const { page, done } = await openForm(viewport, 'ly-lich-tu-phap');
    await page.selectOption('#f-sex', 'female');
    await page.fill('#f-birthDate', '1990-05-20');
    await page.fill('#f-citizenId', '040090012345'); // a man born in 1990
    await page.press('#f-citizenId', 'Tab');
    assert.match(await errorOf(page, 'citizenId'), /không khớp với giới tính/);
    // Correcting the sex removes the error on the ID number at once (no need to revisit it).
    await page.selectOption('#f-sex', 'male');
    assert.equal(await errorOf(page, 'citizenId'), '');
    assert.equal(await page.getAttribute('#f-citizenId', 'aria-invalid'), 'false');
    // A wrong birth date: the ID number's birth-year error appears, and goes when it is fixed.
    await page.fill('#f-birthDate', '1985-05-20');
    assert.match(await errorOf(page, 'citizenId'), /năm sinh 1990/);
    await page.fill('#f-birthDate', '1990-05-20');
    assert.equal(await errorOf(page, 'citizenId'), '');
    // Issue date before the birth date, then the birth date corrected.
    await page.fill('#f-idIssueDate', '1989-06-01');
    await page.press('#f-idIssueDate', 'Tab');
    assert.match(await errorOf(page, 'idIssueDate'), /phải sau/);
    await page.fill('#f-birthDate', '1988-05-20');
    assert.equal(await errorOf(page, 'idIssueDate'), '', 'the issue date is now after the birth date');
    await page.fill('#f-birthDate', '1990-05-20');
    assert.match(await errorOf(page, 'idIssueDate'), /phải sau/);
    await page.fill('#f-idIssueDate', '2021-06-01');
    // Phone or e-mail: the error on one goes when the other is filled.
    await page.click('#submit-button');
    assert.match(await errorOf(page, 'phone'), /ít nhất một/);
    await page.fill('#f-email', 'an@example.vn');
    assert.equal(await errorOf(page, 'phone'), '');
    // All consistent: the form submits and shows no stale error.
    await fillRequired(page);
    await submitForReceipt(page);
    assert.equal(await page.locator('#submit-form [aria-invalid="true"]').count(), 0);
    await done();
  });

  test(`${tag}: errors wait until the field is left (or a pause) and go as soon as the value is valid`, async () => {
    const { page, done } = await openForm(viewport, 'ly-lich-tu-phap');
    await page.fill('#f-citizenId', '040090012345');
    await page.press('#f-citizenId', 'Tab');
    assert.equal(await errorOf(page, 'citizenId'), '');
    // Retyping after the field was left: no error while typing…
    await page.fill('#f-citizenId', '0401');
    assert.equal(await errorOf(page, 'citizenId'), '', 'no error on a keystroke');
    assert.equal(await page.getAttribute('#f-citizenId', 'aria-invalid'), 'false');
    // …but after a pause it is shown,
    await page.waitForFunction(() => document.getElementById('f-citizenId-error').textContent !== '', null, { timeout: 10_000 });
    assert.match(await errorOf(page, 'citizenId'), /12 chữ số/);
    // and the keystroke that makes the value valid removes it, without leaving the field.
    await page.focus('#f-citizenId');
    await page.press('#f-citizenId', 'End');
    await page.keyboard.type('9001234');
    assert.match(await errorOf(page, 'citizenId'), /12 chữ số/, 'still 11 digits: the same message stays');
    await page.keyboard.type('5');
    assert.equal(await errorOf(page, 'citizenId'), '');
    assert.equal(await page.getAttribute('#f-citizenId', 'aria-invalid'), 'false');
    // A field never left shows nothing while typing; leaving it shows the error at once.
    await page.fill('#f-fullName', 'Nguyễn 3');
    assert.equal(await errorOf(page, 'fullName'), '');
    await page.press('#f-fullName', 'Tab');
    assert.notEqual(await errorOf(page, 'fullName'), '');
    await done();
  });

  test(`${tag}: several driving-licence classes can be chosen; wording of choices and of a file that is not a PDF`, async () => {
    const { page, done } = await openForm(viewport, 'doi-giay-phep-lai-xe');
    const boxes = page.locator('#f-licenceClass input[type=checkbox]');
    assert.equal(await boxes.count(), 15);
    assert.equal(await text(page, '#f-licenceClass legend'), 'Hạng giấy phép lái xe * (bắt buộc)');
    await page.click('#submit-button');
    assert.equal(await errorOf(page, 'licenceClass'), 'Vui lòng chọn “Hạng giấy phép lái xe”.');
    assert.equal(await errorOf(page, 'sex'), 'Vui lòng chọn “Giới tính”.');
    assert.equal(await errorOf(page, 'commune'), 'Vui lòng chọn “Xã, phường”.');
    assert.equal(await errorOf(page, 'fullName'), 'Vui lòng nhập “Họ và tên”.');
    await page.check('#f-licenceClass input[value="A1"]');
    await page.check('#f-licenceClass input[value="B"]');
    assert.equal(await errorOf(page, 'licenceClass'), '');
    // A future birth date: one message, not two.
    await page.fill('#f-birthDate', '2030-01-01');
    await page.press('#f-birthDate', 'Tab');
    const future = await errorOf(page, 'birthDate');
    assert.equal(future, '“Ngày sinh” không được là một ngày trong tương lai.');
    // A text file named .pdf: its content is not a PDF (not "wrong type").
    await page.setInputFiles('#f-healthCertificate', { name: 'kham-suc-khoe.pdf', mimeType: 'application/pdf', buffer: Buffer.from('plain text, not a pdf') });
    // The submit above left "missing" under the field: wait for the message about this file (the file is read
    // asynchronously, so under load the old message is still there for a moment).
    await page.waitForFunction(() => document.getElementById('f-healthCertificate-error').textContent.includes('kham-suc-khoe.pdf'));
    const fileErr = await errorOf(page, 'healthCertificate');
    assert.match(fileErr, /“kham-suc-khoe\.pdf” có đuôi \.pdf nhưng nội dung không phải là tệp PDF/);
    assert.doesNotMatch(fileErr, /loại cho phép/);
    await page.setInputFiles('#f-healthCertificate', PDF);
    await page.waitForFunction(() => document.getElementById('f-healthCertificate-error').textContent === '');
    await fillRequired(page);
    await page.check('#f-licenceClass input[value="C"]');
    await submitForReceipt(page);
    const chosen = await page.$$eval('#f-licenceClass input:checked', (xs) => xs.map((x) => x.value));
    assert.deepEqual(chosen, ['A1', 'B', 'C']);
    await done();
  });

  test(`${tag}: the commune is an accessible combobox: "nghi loc" finds Nghi Lộc, keyboard only, đ folds to d`, async () => {
    const { page, done } = await openForm(viewport, 'ly-lich-tu-phap');
    const input = page.locator('#f-commune');
    assert.equal(await input.getAttribute('role'), 'combobox');
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    const listId = await input.getAttribute('aria-controls');
    assert.equal(await page.getAttribute(`#${listId}`, 'role'), 'listbox');
    assert.ok(await page.getAttribute(`#${listId}`, 'aria-label'));
    assert.equal(await page.locator(`label[for="f-commune"]`).count(), 1);
    // Keyboard only: from the province select, Tab reaches the commune; typing opens the list.
    await page.focus('#f-province');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-commune');
    await page.keyboard.type('nghi loc');
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    const first = page.locator(`#${listId} [role=option] >> nth=0`);
    assert.equal(await first.textContent(), 'Xã Nghi Lộc');
    await page.keyboard.press('ArrowDown');
    const activeId = await input.getAttribute('aria-activedescendant');
    assert.equal(activeId, await first.getAttribute('id'));
    assert.equal(await first.getAttribute('aria-selected'), 'true');
    await page.keyboard.press('Enter');
    assert.equal(await input.inputValue(), 'Xã Nghi Lộc');
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    assert.equal(await input.getAttribute('aria-activedescendant'), null);
    assert.equal(await page.isVisible('#submit-receipt #receipt'), false, 'Enter picked, it did not submit');
    // Escape closes the list without changing the choice.
    await page.keyboard.press('ArrowDown');
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Escape');
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    assert.equal(await input.inputValue(), 'Xã Nghi Lộc');
    // One option at most is marked selected, the active one, also after typing on from it.
    const selected = () => page.$$eval('#f-commune ~ [role=listbox] [aria-selected=true], .combo [aria-selected=true]', (xs) => new Set(xs).size);
    await page.fill('#f-commune', '');
    await page.keyboard.type('nghi');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await selected(), 1);
    await page.keyboard.type(' l');
    assert.equal(await selected(), 0);
    await page.keyboard.press('ArrowDown');
    assert.equal(await selected(), 1);
    await page.keyboard.press('Escape');
    // đ/Đ folds to d; the matches are counted for screen readers.
    await page.fill('#f-commune', '');
    await page.keyboard.type('do luong');
    const names = await page.$$eval(`#${listId} [role=option]`, (xs) => xs.map((x) => x.textContent));
    assert.ok(names.includes('Xã Đô Lương'), names.join(', '));
    assert.match(await text(page, '.combo [aria-live]'), /\d+ kết quả/);
    // A name typed in full without diacritics is taken when leaving the field.
    await page.fill('#f-commune', 'xa nghi loc');
    await page.keyboard.press('Tab');
    assert.equal(await input.inputValue(), 'Xã Nghi Lộc');
    assert.equal(await errorOf(page, 'commune'), '');
    // A pointer (or a tap on a phone) picks too.
    await pickCombo(page, '#f-commune', 'vinh');
    await page.click('#f-commune');
    await page.fill('#f-commune', 'thanh vinh');
    await page.locator(`#${listId} [role=option] >> text=Phường Thành Vinh`).click();
    assert.equal(await input.inputValue(), 'Phường Thành Vinh');
    await done();
  });

  test(`${tag}: "Làm lại" and "Nộp hồ sơ khác" bring back Nghệ An and its own communes, never another province's list`, async () => {
    const { page, done } = await openForm(viewport, 'ly-lich-tu-phap');
    const state = () => page.evaluate(() => ({
      province: document.getElementById('f-province').value,
      commune: document.getElementById('f-commune').value,
      disabled: document.getElementById('f-commune').disabled,
      options: [...document.querySelectorAll('#f-commune-list [role=option]')].map((o) => o.textContent),
    }));
    const start = await state();
    assert.equal(start.province, '40');
    assert.ok(start.options.includes('Xã Nghi Lộc'));
    // Another province and one of its communes, then "Làm lại".
    await page.selectOption('#f-province', '01');
    await pickCombo(page, '#f-commune', 'ba dinh');
    assert.equal(await page.inputValue('#f-commune'), 'Phường Ba Đình');
    // A language switch keeps that province's list and commune (not its code in Nghệ An's list).
    const chosen = () => page.evaluate(() => [document.getElementById('f-province').value, document.getElementById('f-commune').value]);
    await page.click('#lang');
    assert.deepEqual(await chosen(), ['01', 'Phường Ba Đình']);
    await page.click('#lang');
    assert.deepEqual(await chosen(), ['01', 'Phường Ba Đình']);
    // The form resets its fields first, the page then refills the communes (after the reset event).
    const nghean = () => page.waitForFunction(() => document.getElementById('f-province').value === '40'
      && [...document.querySelectorAll('#f-commune-list [role=option]')].some((o) => o.textContent === 'Xã Nghi Lộc'));
    await page.click('#submit-form button[type=reset]');
    await nghean();
    assert.deepEqual(await state(), { ...start, commune: '' });
    // The list is Nghệ An's: a commune of it is taken without an error.
    await pickCombo(page, '#f-commune', 'nghi loc');
    await page.keyboard.press('Tab');
    assert.equal(await page.inputValue('#f-commune'), 'Xã Nghi Lộc');
    assert.equal(await errorOf(page, 'commune'), '');
    assert.equal(await errorOf(page, 'province'), '');
    // "Nộp hồ sơ khác" after a receipt: the same fresh form.
    await fillRequired(page);
    await submitForReceipt(page);
    await page.click('#receipt-new');
    await page.waitForFunction(() => !document.getElementById('submit-form').hidden);
    await nghean();
    assert.deepEqual(await state(), { ...start, commune: '' });
    await done();
  });

  test(`${tag}: the error summary counts the errors shown as they are fixed, and follows the language switch`, async () => {
    const { page, done } = await openForm(viewport, 'ly-lich-tu-phap');
    assert.equal(await page.getAttribute('#f-copies', 'inputmode'), 'numeric', 'a whole number: no decimal key');
    const shown = () => page.$$eval('#submit-form .field-error', (els) => els.filter((x) => x.textContent).length);
    const summary = () => text(page, '#submit-summary');
    await page.click('#submit-button');
    const n = await shown();
    assert.ok(n > 3, `${n} errors`);
    assert.equal(await summary(), `Tờ khai còn ${n} lỗi. Hãy sửa các ô được đánh dấu.`);
    await page.fill('#f-fullName', 'Nguyễn Văn An');
    await page.selectOption('#f-sex', 'male');
    await page.fill('#f-birthPlace', 'Vinh');
    assert.equal(await shown(), n - 3);
    assert.equal(await summary(), `Tờ khai còn ${n - 3} lỗi. Hãy sửa các ô được đánh dấu.`);
    // A new error counts too (an e-mail address without @, once left).
    await page.fill('#f-email', 'an.example.vn');
    await page.press('#f-email', 'Tab');
    assert.equal(await summary(), `Tờ khai còn ${await shown()} lỗi. Hãy sửa các ô được đánh dấu.`);
    await page.fill('#f-email', '');
    await page.press('#f-email', 'Tab');
    // In English the summary is translated, not dropped; and back.
    await page.click('#lang');
    assert.equal(await summary(), `The form has ${n - 3} error(s). Please correct the marked fields.`);
    await page.click('#lang');
    assert.equal(await summary(), `Tờ khai còn ${n - 3} lỗi. Hãy sửa các ô được đánh dấu.`);
    // All fixed: no stale count.
    await fillRequired(page);
    assert.equal(await shown(), 0);
    assert.equal(await summary(), 'Tờ khai không còn lỗi. Bạn có thể nộp hồ sơ.');
    await page.click('#submit-form button[type=reset]');
    await page.waitForFunction(() => document.getElementById('submit-summary').textContent === '');
    await done();
  });

  test(`${tag}: the commune search announces its number of matches only while the list is open`, async () => {
    const { page, done } = await openForm(viewport, 'ly-lich-tu-phap');
    const live = () => text(page, '.combo [aria-live]');
    assert.equal(await live(), '', 'nothing to announce at load');
    await page.selectOption('#f-province', '01');
    assert.equal(await live(), '', 'nor when the province changes');
    await page.selectOption('#f-province', '40');
    assert.equal(await live(), '');
    await page.click('#f-commune');
    await page.keyboard.type('vinh');
    assert.match(await live(), /^\d+ kết quả$/);
    await page.keyboard.press('Escape');
    assert.equal(await live(), '', 'a closed list has nothing to count');
    await page.click('#lang');
    assert.equal(await live(), '', 'nor after the language switch');
    await page.click('#f-commune');
    await page.keyboard.type('nghi');
    assert.match(await live(), /^\d+ results$/);
    await page.keyboard.press('Escape');
    await page.click('#lang');
    await done();
  });

  test(`${tag}: the status line and the page speak to citizens, not developers`, async () => {
    const { page, done } = await env.open({ viewport });
    const status = await text(page, '#status');
    assert.match(status, /^Sẵn sàng\./);
    const visible = await page.evaluate(() => document.body.innerText);
    assert.doesNotMatch(visible, /mô-đun|module|tthc|\d+\.\d+\.\d+|dev\.sh|pkg\//i);
    await page.click('#lang');
    assert.match(await text(page, '#status'), /^Ready\./);
    assert.doesNotMatch(await page.evaluate(() => document.body.innerText), /module|tthc|\d+\.\d+\.\d+/i);
    await page.click('#lang');
    await done();
  });
}

// The procedures added from the catalogue: statutory time, required attachments, receipt.
// Received Tue 10/3/2026 09:00 (winter office hours 07:30–12:00, 13:30–17:00).
const ADDED = [
  { id: 'dang-ky-khai-sinh', proc: 'Đăng ký khai sinh (1.001193)', time: 'trong ngày (nhận trước 15:00)', due: '2026-03-10T17:00:00+07:00',
    items: ['Giấy chứng sinh (hoặc văn bản của người làm chứng)'], applicant: 'Nguyễn Văn An' },
  { id: 'xac-nhan-tinh-trang-hon-nhan', proc: 'Cấp Giấy xác nhận tình trạng hôn nhân (1.004873)', time: '3 ngày làm việc', due: '2026-03-13T09:00:00+07:00',
    items: ['Bản chụp thẻ căn cước'] },
  { id: 'dang-ky-thuong-tru', proc: 'Đăng ký thường trú (1.004222)', time: '7 ngày làm việc', due: '2026-03-19T09:00:00+07:00',
    items: ['Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp'] },
  { id: 'nuoi-con-nuoi', proc: 'Đăng ký việc nuôi con nuôi trong nước (2.001263)', time: '30 ngày (theo lịch)', due: '2026-04-09T17:00:00+07:00',
    items: ['Phiếu lý lịch tư pháp của người nhận con nuôi', 'Văn bản xác nhận tình trạng hôn nhân', 'Giấy khám sức khỏe của người nhận con nuôi',
      'Văn bản xác nhận hoàn cảnh gia đình, chỗ ở, điều kiện kinh tế', 'Giấy khai sinh của người được nhận làm con nuôi', 'Ảnh toàn thân, nhìn thẳng của trẻ (02 ảnh)'] },
];

for (const [i, a] of ADDED.entries()) {
  const [tag, viewport] = VIEWPORTS[i % 2];
  test(`${tag}: ${a.id}: statutory time, required attachments and the receipt`, async () => {
    const { page, done } = await openForm(viewport, a.id);
    assert.equal(await text(page, '#submit-info'), `Thời hạn giải quyết: ${a.time}.`);
    // Without the required attachments the dossier is refused, naming each one.
    await page.click('#submit-button');
    for (const item of a.items) {
      assert.ok(await page.locator('.field-error', { hasText: item }).count() >= 1, `missing ${item} is reported`);
    }
    await fillRequired(page);
    await submitForReceipt(page);
    assert.equal(await text(page, '#receipt-procedure'), a.proc);
    assert.equal(await text(page, '#receipt-time'), a.time);
    assert.equal(await page.getAttribute('#receipt', 'data-due-at'), a.due);
    assert.match(await text(page, '#receipt-code'), /^H40-260310-\d{4}$/);
    const items = await text(page, '#receipt-items');
    for (const item of a.items) assert.ok(items.includes(item), `${item} in ${items}`);
    if (a.applicant) assert.equal(await text(page, '#receipt-applicant'), a.applicant);
    await done();
  });
}

test('khai sinh received after the 15:00 cut-off: the appointment is the end of the next working day', async () => {
  const { page, done } = await openForm(VIEWPORTS[1][1], 'dang-ky-khai-sinh', '2026-03-13T15:20:00+07:00');
  await fillRequired(page);
  await submitForReceipt(page);
  assert.equal(await page.getAttribute('#receipt', 'data-due-at'), '2026-03-16T17:00:00+07:00');
  await done();
});
