import { test, expect, Page } from '@playwright/test';
import { MORE_PEOPLE, PEOPLE, expectAccessible, login } from './helpers';

// Every page with a table, on a phone: each row is a card whose cells carry
// their column's name, so nothing is wider than the screen and no column is
// out of sight. The same HTML table stays for screen readers.
// Helmi's, but for the professionals' viewings (Matti's).
const PAGES: { path: string; tables: string[]; as?: string }[] = [
  { path: '/data-use/preview?viewer=hus%3Ahealthcare&situation=treatment', tables: ['preview-counts', 'preview'] },
  { path: '/data-use', tables: ['confirmations'] },
  { path: '/data-use/history', tables: ['history'] },
  { path: '/data-use/viewings', tables: ['viewings'], as: PEOPLE.matti.code },
  { path: '/laboratory', tables: ['lab-tests'] },
  { path: '/laboratory/P%20-Krea', tables: ['lab-results'] },
  { path: '/vaccinations', tables: ['vaccinations-latest', 'vaccinations'] },
  { path: '/prescriptions/renewals', tables: ['renewals'] },
  { path: '/prescriptions/abroad', tables: ['abroad-prescriptions'] },
];

/** Elements on show whose right edge lies beyond the viewport (none
 *  allowed); not the closed menu's, nor a stacked table's header row,
 *  which is there for screen readers only. */
async function tooWide(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter((e) => e.checkVisibility() && !e.closest('table.stack > thead'))
      .filter((e) => e.getBoundingClientRect().right > width + 0.5)
      .map((e) => `${e.tagName.toLowerCase()}${e.getAttribute('data-testid') ? `[${e.getAttribute('data-testid')}]` : ''} ${Math.round(e.getBoundingClientRect().right)}px`);
  });
}

async function checkTables(page: Page, js: boolean) {
  let current = '';
  for (const { path, tables, as = MORE_PEOPLE.helmi.code } of PAGES) {
    if (as !== current) {
      await page.context().clearCookies();
      await login(page, as, { js });
      current = as;
    }
    await page.goto(path);
    for (const id of tables) {
      const table = page.getByTestId(id);
      await expect(table, `${id} on ${path}`).toBeVisible();
      // The last column of the first row is within the screen's width (no
      // sideways scrolling), labelled with its column.
      const last = table.locator('tbody tr').first().locator('td').last();
      const box = (await last.boundingBox())!;
      expect(box.x, `${id}: the last column starts on screen`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${id}: the last column ends on screen`).toBeLessThanOrEqual(page.viewportSize()!.width + 0.5);
      expect(await last.getAttribute('data-label'), `${id}: the cell names its column`).toBeTruthy();
    }
    expect(await tooWide(page), `nothing wider than 390 px on ${path}`).toEqual([]);
    if (js) await expectAccessible(page, `${path} at 390 px`);
  }
}

test.describe('tables on a phone (390 × 844), without JavaScript', () => {
  test.use({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  test('every table page fits the screen', async ({ page }) => {
    test.setTimeout(120_000); // nine pages
    await checkTables(page, false);
  });
});

test.describe('tables on a phone (390 × 844), axe', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('every table page fits the screen and passes axe', async ({ page }) => {
    test.setTimeout(180_000); // nine pages, each under axe
    await checkTables(page, true);
  });
});

test.describe('tables on a desktop (1280 × 800)', () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  test('are tables, with their header row in sight', async ({ page }) => {
    await login(page, MORE_PEOPLE.helmi.code);
    await page.goto(PAGES[0].path);
    await expect(page.getByTestId('preview').locator('thead th').first()).toBeVisible();
    expect(await tooWide(page)).toEqual([]);
  });
});
