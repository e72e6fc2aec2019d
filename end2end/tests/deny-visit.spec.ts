import { test, expect } from '@playwright/test';
import { expectAccessible, login } from './helpers';

// A visit's own page offers to deny its sharing, through the denial's own
// confirmation step; afterwards the page says it is denied. Each run denies
// Oskari's visit and cancels the denial again, one run after another, so
// the file leaves his data as it found it.
const OSKARI = '080988-9570';

test.describe.configure({ mode: 'serial' });

const runs = [false, true].flatMap((js) =>
  [{ width: 390, height: 844 }, { width: 1280, height: 800 }].map((viewport) => ({ js, viewport })),
);

runs.forEach(({ js, viewport }) => {
  test.describe(`${js ? 'with' : 'without'} JavaScript at ${viewport.width} × ${viewport.height}`, () => {
    test.use({ javaScriptEnabled: js, viewport });
    test('a visit is denied from its own page and the page says so', async ({ page }) => {
      await login(page, OSKARI, { js });
      await page.goto('/records');
      const link = page.getByTestId('service-event').first().getByRole('heading').getByRole('link');
      const title = (await link.textContent())!.trim();
      await link.click();
      const visit = page.url();
      const sharing = page.getByTestId('event-sharing');
      if (js) await expectAccessible(page, 'a visit with the way to deny its sharing');
      // What happens in an emergency: the preview, set to one.
      await sharing.getByRole('link', { name: 'Mitä hätätilanteessa tapahtuu' }).click();
      await expect(page.locator('#situation-emergency')).toBeChecked();
      await page.goto(visit);
      await sharing.getByRole('link', { name: 'Kiellä tämän käynnin tietojen luovutus' }).click();
      await expect(page.getByTestId('denial-what')).toContainText(title);
      await page.getByRole('button', { name: 'Aseta kielto' }).click();
      await expect(page).toHaveURL(/\/data-use#du-denials$/);
      await expect(page.getByTestId('flash')).toContainText('Tallennettu.');

      await page.goto(visit);
      await expect(sharing).toContainText('Olet kieltänyt tämän käynnin tietojen luovutuksen.');
      await expect(sharing.getByRole('link', { name: 'Kiellä tämän käynnin tietojen luovutus' })).toHaveCount(0);

      await page.goto('/data-use');
      await page.getByTestId('denial').filter({ hasText: title }).getByRole('link', { name: 'Peru tämä kielto' }).click();
      if (js) await expectAccessible(page, 'the step before cancelling a denial');
      await page.getByRole('button', { name: 'Peru kielto' }).click();
      await expect(page.getByTestId('denial').filter({ hasText: title })).toHaveCount(0);
      await page.goto(visit);
      await expect(sharing.getByRole('link', { name: 'Kiellä tämän käynnin tietojen luovutus' })).toBeVisible();
    });
  });
});
