/** A reference pasted on the start page, pulled from a real registry (testkit harness), with a platform. */
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
  await page.getByRole('textbox', { name: 'Image reference' }).fill(`${open.host}/team/multi:1`);
  await page.getByRole('combobox', { name: 'Platform' }).selectOption('linux/arm64');
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
