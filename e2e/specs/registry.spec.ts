/**
 * A reference pasted on the start page, pulled from a real registry (testkit harness), with a
 * platform picked from the ones the index lists (looked up when the box loses focus or typing
 * pauses).
 */
import { expect, test } from '@playwright/test';
import { seedIndex, seedImage, startRegistry, type RunningRegistry } from '@strata/testkit';
import { fixture, shot } from './helpers.js';

let open: RunningRegistry;
let basic: RunningRegistry;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  open = await startRegistry({ mode: 'open' });
  basic = await startRegistry({ mode: 'basic' });
  // Two platforms in one index: the docker fixture (linux/amd64) and an OCI one (linux/arm64).
  await seedIndex(
    open,
    [
      `docker-archive:${fixture('test-docker-image.tar')}`,
      `oci-archive:${fixture('test-oci-uncompressed-image.tar')}`,
    ],
    'team/multi:1',
  );
  await seedImage(basic, `docker-archive:${fixture('test-docker-image.tar')}`, 'private/app:1');
});

test.afterAll(async () => {
  await open?.stop();
  await basic?.stop();
});

test('pull a multi-platform reference and pick a platform', async ({ page }) => {
  await page.goto('/');
  const picker = page.getByRole('combobox', { name: 'Platform' });
  const status = page.getByTestId('platform-status');
  // Typing and pausing looks the platforms up: the picker holds the index's two, default first.
  await page.getByRole('textbox', { name: 'Image reference' }).fill(`${open.host}/team/multi:1`);
  await expect(status).toHaveText('2 platforms in this image index: linux/amd64, linux/arm64');
  await expect(picker.locator('option')).toHaveText(['default platform', 'linux/amd64', 'linux/arm64']);
  await shot(page, 'registry-platforms');
  await picker.selectOption('linux/arm64');
  await page.getByRole('button', { name: 'Analyze' }).click();
  await expect(page.getByTestId('figure-efficiency')).toHaveText('100.00 %', { timeout: 60_000 });
  await expect(page.getByTestId('image-name')).toContainText('team/multi');
  await expect(page.locator('.layer-item')).toHaveCount(1);

  await page.getByRole('button', { name: 'Strata' }).click();
  await page.getByRole('textbox', { name: 'Image reference' }).fill(`${open.host}/team/multi:1`);
  await page.getByRole('combobox', { name: 'Platform' }).selectOption('linux/amd64');
  await page.getByRole('button', { name: 'Analyze' }).click();
  await expect(page.getByTestId('figure-efficiency')).toHaveText('98.44 %', { timeout: 60_000 });
  await expect(page.locator('.layer-item')).toHaveCount(14);
  await shot(page, 'registry-pull-amd64');
});

test('platform lookup: on leaving the box, with a state while looking and errors inline', async ({
  page,
}) => {
  await page.goto('/');
  const box = page.getByRole('textbox', { name: 'Image reference' });
  const status = page.getByTestId('platform-status');
  const picker = page.getByRole('combobox', { name: 'Platform' });
  // Hold the lookup so its "looking" state can be seen.
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/platforms', async (route) => {
    await held;
    await route.continue();
  });
  await box.fill(`${open.host}/team/multi:1`);
  await box.blur();
  await expect(status).toHaveText('looking up platforms…');
  release();
  await expect(status).toContainText('2 platforms in this image index');
  await page.unroute('**/api/platforms');

  await box.fill(`${open.host}/team/multi:nope`);
  await box.blur();
  await expect(status).toContainText('Could not look up platforms: the registry does not have this image.');
  await expect(picker.locator('option').first()).toHaveText('default platform');
  await expect(page.getByRole('alert')).toHaveCount(0); // inline, not the page's error box

  await box.fill(`${basic.host}/private/app:1`);
  await box.blur();
  await expect(status).toContainText('Could not look up platforms: the registry refused access.');
  await page.getByText('Credentials (private registries)').click();
  await page.getByRole('textbox', { name: 'Username' }).fill(basic.credentials?.username ?? '');
  await page.getByLabel('Password or token').fill(basic.credentials?.password ?? '');
  await page.getByLabel('Password or token').blur();
  await expect(status).toHaveText('single-platform image: linux/amd64');
  await expect(picker.locator('option')).toHaveText(['default platform', 'linux/amd64']);
});

test('credentials: a wrong password is a readable error, the right one pulls', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Image reference' }).fill(`${basic.host}/private/app:1`);
  await page.getByText('Credentials (private registries)').click();
  await page.getByRole('textbox', { name: 'Username' }).fill(basic.credentials?.username ?? '');
  await page.getByLabel('Password or token').fill('wrong');
  await page.getByRole('button', { name: 'Analyze' }).click();
  await expect(page.getByRole('alert')).toContainText('The registry refused access');
  await shot(page, 'registry-auth-error');
  await page.getByLabel('Password or token').fill(basic.credentials?.password ?? '');
  await page.getByRole('button', { name: 'Analyze' }).click();
  await expect(page.getByTestId('figure-wasted')).toHaveText('32 kB', { timeout: 60_000 });
});
