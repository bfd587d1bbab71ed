import { expect, test } from '@playwright/test';
import { Bot, LAPTOP, createRoom, hostUrl, phoneContext, uiShot } from './ui-support';

/**
 * The profile offer comes after the game: the phone's join screen has one button and no profile form (not
 * even after a refused nickname), the finished screen offers "Keep your results" with the nickname that was
 * accepted; the recovery page leads with the paste field.
 */

test('join screen: one button, no profile form, not even after a refused nickname; the offer comes after the game', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const api = (await browser.newContext()).request;
  const room = await createRoom(api, { mode: 'choice', positions: [0] });
  const ada = await Bot.join(baseURL ?? '', room.code, 'Ada');
  const phone = await (await phoneContext(browser)).newPage();
  await phone.goto(`/play/${room.code}`);
  await expect(phone.getByTestId('nickname-input')).toBeVisible();
  await expect(phone.locator('main button')).toHaveCount(2); // "Let's go" and the mute toggle
  await expect(phone.locator('main .btn--primary')).toHaveCount(1);
  await expect(phone.getByTestId('claim-profile')).toHaveCount(0);

  await phone.getByTestId('nickname-input').fill('ada');
  await phone.getByTestId('join-submit').click();
  await expect(phone.getByTestId('join-error')).toContainText(/taken/i);
  await expect(phone.getByTestId('claim-profile')).toHaveCount(0);
  await expect(phone.getByTestId('profile-name-input')).toHaveCount(0);
  await uiShot(phone, 'phone-join-refused');

  await phone.getByTestId('nickname-input').fill('Grace');
  await phone.getByTestId('join-submit').click();
  await expect(phone.getByTestId('waiting')).toBeVisible();
  await expect(phone.getByTestId('claim-profile')).toHaveCount(0);

  const host = await (await browser.newContext({ viewport: LAPTOP })).newPage();
  await host.goto(hostUrl(room));
  await host.getByTestId('host-start').click();
  await expect(phone.getByTestId('question-prompt')).toBeVisible();
  await expect(phone.getByTestId('claim-profile')).toHaveCount(0);
  await phone.locator('[data-testid^="choice-"]').first().click();
  await ada.answer({ choiceIndex: 1 });
  await expect(phone.getByTestId('result')).toBeVisible();
  await expect(phone.getByTestId('claim-profile')).toHaveCount(0);
  await host.getByTestId('host-next').click();

  // After the game: the offer, quiet (the results link stays the one primary button), with the accepted name.
  await expect(phone.getByTestId('final-rank')).toBeVisible();
  await expect(phone.getByTestId('claim-profile')).toBeVisible();
  await expect(phone.getByTestId('profile-name-input')).toHaveValue('Grace');
  await expect(phone.locator('main .btn--primary')).toHaveCount(1);
  await expect(phone.getByTestId('claim-submit')).toHaveClass(/btn--secondary/);
  ada.close();
});

test('recovery page: the paste field first, a new profile only as a secondary option', async ({ browser }) => {
  const phone = await (await phoneContext(browser)).newPage();
  await phone.goto('/profiles/recover');
  await expect(phone.getByTestId('recover-status')).toHaveAttribute('data-state', 'manual');
  await expect(phone.getByRole('heading', { name: 'Paste the recovery link' })).toBeVisible();
  await expect(phone.getByTestId('recover-input')).toBeVisible();
  await expect(phone.getByTestId('profile-name-input')).toHaveCount(0);
  await uiShot(phone, 'phone-recover-paste');

  // A wrong link says so and keeps the paste field.
  await phone.getByTestId('recover-input').fill('not-a-link');
  await phone.getByTestId('recover-submit').click();
  await expect(phone.getByTestId('claim-error')).toContainText(/recovery link/i);

  await phone.getByRole('button', { name: /create a new profile instead/i }).click();
  await expect(phone.getByTestId('profile-name-input')).toBeVisible();
  await expect(phone.getByTestId('recover-input')).toHaveCount(0);
});
