/**
 * The owning-package column and "files of package X" (issue 11) on a real Debian image built
 * with buildah (packages/testkit/recipes/content-debian). The rows the package filter shows are
 * checked against Debian's dpkg-query -L over the final image's database, which GNU tar extracts
 * from the layers (testkit dpkg-db.ts): nothing of Strata's computes the expectation.
 */
import { join, posix } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { buildCachedImage, finalDpkg, layerEntryBytes, recipeDir, type FinalDpkg } from '@strata/testkit';
import { shot, uploadThroughPage } from './helpers.js';

test.skip(process.getuid?.() !== 0, 'the Debian image is built with buildah, as root');

const shownPaths = (page: Page) =>
  page
    .locator('.tree-row[data-path]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path') as string).sort());

/** The paths one package alone lists that the final image has (what its filter matches). */
function ownPaths(db: FinalDpkg, name: string): string[] {
  const listers = new Map<string, number>();
  for (const paths of db.lists.values()) for (const p of paths) listers.set(p, (listers.get(p) ?? 0) + 1);
  return (db.lists.get(name) ?? []).filter((p) => db.present.has(p) && listers.get(p) === 1);
}

/** Those paths and the folders above them: the rows of the filtered tree. */
function withAncestors(paths: string[]): string[] {
  const rows = new Set<string>();
  for (const p of paths) for (let at = p; at !== '/'; at = posix.dirname(at)) rows.add(at);
  return [...rows].sort();
}

/**
 * A Debian package whose rows all fit on screen (the tree renders only what is in view) and whose
 * every listed path is its own or a shared folder (so the oracle needs no tie-breaking).
 */
function pickPackage(db: FinalDpkg): string {
  const parents = new Set([...db.lists.values()].flat().map((p) => posix.dirname(p)));
  const own = (name: string) => new Set(ownPaths(db, name));
  const fits = [...db.lists.keys()]
    .filter((name) => name !== 'strata-demo')
    .filter((name) =>
      (db.lists.get(name) ?? []).every((p) => !db.present.has(p) || own(name).has(p) || parents.has(p)),
    )
    .map((name) => ({ name, rows: withAncestors(ownPaths(db, name)).length }))
    .filter((c) => c.rows >= 6 && c.rows <= 18)
    .sort((a, b) => b.rows - a.rows || (a.name < b.name ? -1 : 1));
  expect(fits.length).toBeGreaterThan(0);
  return (fits[0] as { name: string }).name;
}

test('the package column, and one package’s files equal what dpkg-query -L lists', async ({ page }) => {
  test.setTimeout(600_000);
  process.env.STRATA_RECIPES_DIR = join(recipeDir('content-debian'), '..');
  const archive = await buildCachedImage(recipeDir('content-debian'), {
    format: 'oci-archive',
    compress: 'gzip',
  });
  await uploadThroughPage(page, archive);
  const layers = await page.locator('.layer-item').count();
  const db = finalDpkg(archive, layers);
  await page
    .locator('.layer-item')
    .nth(layers - 1)
    .click();
  await expect(page.getByTestId('layer-details')).toContainText(`Layer ${layers - 1}`);

  // The column: /usr/bin/dpkg belongs to dpkg, named in the cell, its version on hover and in
  // the row's accessible name and the details footer.
  await expect(page.locator('.tree-header')).toContainText('package');
  const filter = page.getByRole('searchbox', { name: 'Filter paths' });
  await filter.fill('/usr/bin/dpkg-query');
  const row = page.locator('.tree-row[data-path="/usr/bin/dpkg-query"]');
  const dpkgVersion = db.versions.get('dpkg') as string;
  await expect(row.getByTestId('row-package')).toHaveText('dpkg');
  await expect(row.getByTestId('row-package')).toHaveAttribute(
    'title',
    new RegExp(`^dpkg ${escapeRe(dpkgVersion)} `),
  );
  await expect(row).toHaveAttribute('aria-label', new RegExp(`package dpkg ${escapeRe(dpkgVersion)}$`));
  await row.locator('.file-name').click();
  await expect(page.getByTestId('selected-package')).toHaveText(`package dpkg ${dpkgVersion}`);
  // `p`: only the files of the selected file's package; again: every file.
  await page.keyboard.press('p');
  await expect(page.getByTestId('package-filter')).toContainText(`Files of dpkg ${dpkgVersion}`);
  await page.keyboard.press('p');
  await expect(page.getByTestId('package-filter')).toHaveCount(0);
  await filter.fill('');

  // The picker: search, Enter picks the first match.
  const name = pickPackage(db);
  const version = db.versions.get(name) as string;
  const own = ownPaths(db, name);
  const picker = page.getByRole('combobox', { name: 'Files of package' });
  await picker.fill(name);
  await expect(page.getByRole('listbox', { name: 'Packages' }).getByRole('option').first()).toHaveText(
    new RegExp(`^${escapeRe(name)} ${escapeRe(version)}`),
  );
  await picker.press('Enter');
  await expect(page.getByTestId('package-filter')).toContainText(`Files of ${name} ${version}`);
  await expect.poll(() => shownPaths(page)).toEqual(withAncestors(own));
  await expect(page.getByTestId('match-count')).toHaveText(`${own.length} paths match the filter`);
  await shot(page, 'package-filter');

  // A deep link keeps it: a reload shows the same rows.
  expect(new URL(page.url()).searchParams.get('pkg')).toBe(`dpkg:${name}:${version}`);
  await page.reload();
  await expect(page.getByTestId('package-filter')).toContainText(`Files of ${name} ${version}`);
  await expect.poll(() => shownPaths(page)).toEqual(withAncestors(own));

  // With the path filter: a row must pass both.
  await filter.fill('copyright');
  const both = own.filter((p) => p.toLowerCase().includes('copyright'));
  expect(both.length).toBeGreaterThan(0);
  await expect.poll(() => shownPaths(page)).toEqual(withAncestors(both));
  await expect(page.getByTestId('match-count')).toHaveText(
    `${both.length} ${both.length === 1 ? 'path matches' : 'paths match'} the filter`,
  );

  // Clicking a row's package cell filters to that package; × clears it.
  await page.getByRole('button', { name: 'Show every package’s files' }).click();
  await filter.fill('/usr/bin/dpkg-query');
  await row.getByTestId('row-package').click();
  await expect(page.getByTestId('package-filter')).toContainText(`Files of dpkg ${dpkgVersion}`);

  // The layer's packages link to the filter: adduser, purged by this layer, shows the files this
  // layer removes (struck through), as its list in layer 0 names them.
  await page.getByTestId('layer-packages').getByText('1 removed').click();
  await page.getByTestId('layer-packages').getByRole('button', { name: 'adduser' }).click();
  await expect(page.getByTestId('package-filter')).toContainText('Files of adduser');
  await filter.fill('');
  const list = (layerEntryBytes(archive, 0, 'var/lib/dpkg/info/adduser.list') as Buffer)
    .toString()
    .split('\n');
  const gone = list.filter((p) => p.startsWith('/') && p !== '/.' && !db.present.has(p));
  expect(gone).toContain('/usr/sbin/adduser');
  // More rows than the screen holds: the counts, and every row on screen is one of them.
  const rows = withAncestors(gone);
  await expect(page.getByTestId('row-count')).toHaveText(`${rows.length} rows`);
  await expect(page.getByTestId('match-count')).toHaveText(`${gone.length} paths match the filter`);
  const onScreen = await shownPaths(page);
  expect(onScreen.length).toBeGreaterThan(15);
  expect(onScreen.filter((p) => !rows.includes(p))).toEqual([]);
  await expect(page.locator('.tree-row[data-path="/usr/sbin/adduser"]')).toHaveClass(/st-removed/);
  await shot(page, 'package-removed-in-layer');

  // A link naming a package the image does not have says so.
  const link = new URL(page.url());
  link.searchParams.set('pkg', 'dpkg:no-such-package');
  await page.goto(link.toString());
  await expect(page.getByTestId('package-filter').getByRole('alert')).toHaveText(
    'No package dpkg:no-such-package in this image',
  );
  await expect(page.getByTestId('match-count')).toHaveText('0 paths match the filter');
});

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
