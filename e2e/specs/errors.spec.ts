/** Bad uploads end in a readable message on the page, with what to do next. */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { fixture, shot } from './helpers.js';

test('a non-image upload shows what is wrong and what to do', async ({ page }, info) => {
  const notImage = info.outputPath('notes.txt');
  writeFileSync(notImage, 'these are my notes, not a container image\n'.repeat(100));
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles(notImage);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This file is not a container image archive');
  await expect(alert).toContainText('docker save');
  await shot(page, 'error-not-an-image');
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toBeHidden();
});

test('a truncated archive shows an error, and the page still works afterwards', async ({ page }, info) => {
  const truncated = info.outputPath('truncated.tar');
  writeFileSync(truncated, readFileSync(fixture('test-docker-image.tar')).subarray(0, 700_000));
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles(truncated);
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.locator('.error-hint')).not.toBeEmpty();
  await page.getByTestId('file-input').setInputFiles(fixture('test-oci-gzip-image.tar'));
  await expect(page.getByTestId('figure-efficiency')).toHaveText('100.00 %');
});

test('an unknown analysis id says so and offers the way back', async ({ page }) => {
  await page.goto(
    '/?analysis=sha256-0000000000000000000000000000000000000000000000000000000000000000&layer=2',
  );
  await expect(page.getByRole('alert')).toContainText('not on the server');
  await page.getByRole('button', { name: 'Back to the start page' }).click();
  await expect(page.getByRole('heading', { name: 'Recent analyses' })).toBeVisible();
});
