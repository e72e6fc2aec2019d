import { test, expect } from '@playwright/test';
import { MORE_PEOPLE, login, useLanguage, expectAccessible } from './helpers';

// Everyday tasks as citizens try them, in Finnish, with and without
// JavaScript, on a phone and on a laptop, under axe: what needs Helmi first
// on her front page, then names she knows (a laboratory trend in words, the
// latest dose of each vaccine, what a medicine is for and where its renewal
// request stands). Read only: nothing here changes her data.

const viewports = [{ width: 390, height: 844 }, { width: 1280, height: 800 }];

for (const js of [false, true]) {
  for (const viewport of viewports) {
    test.describe(`${js ? 'with' : 'without'} JavaScript at ${viewport.width} × ${viewport.height}`, () => {
      test.use({ javaScriptEnabled: js, viewport });

      test('Helmi: what needs her first, then names she knows', async ({ page }) => {
        await useLanguage(page, 'fi');
        await login(page, MORE_PEOPLE.helmi.code, { lang: 'fi', js });
        await expect(page).toHaveURL(/\/$/);
        // What needs her comes first, each line with its one action.
        await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText('Vaatii huomiota');
        const rx = page.getByTestId('needs-attention').getByTestId('glance-prescriptions').getByRole('link');
        await expect(rx).toHaveText('2 reseptiä päättyy 30 päivän kuluessa tai on loppunut');
        await expect(rx).toHaveAttribute('href', '/prescriptions');
        // What confirming the notice did, by the rule's own reading.
        await expect(page.getByTestId('notice-effect')).toContainText('Uudenmaan julkinen terveydenhuolto');
        if (js) await expectAccessible(page, 'the front page');

        // A laboratory test by its name, and its trend in words.
        await page.goto('/laboratory/P%20-Krea');
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kreatiniini (P -Krea) ajan mittaan');
        await expect(page.getByTestId('lab-trend')).toHaveText(
          /^Viimeisimmät arvot ovat (nousseet|laskeneet|pysyneet ennallaan); viimeisin on viitealue(ella|en alapuolella|en yläpuolella)\.$/,
        );
        if (js) await expectAccessible(page, 'a laboratory test over time');

        // The latest dose of each vaccine first.
        await page.goto('/vaccinations');
        const latest = page.getByTestId('vaccinations-latest');
        await expect(latest.locator('tbody tr').filter({ hasText: 'Influenssarokote' })).toHaveCount(1);
        if (js) await expectAccessible(page, 'vaccinations');

        // What each medicine is for, and where its renewal request stands.
        await page.goto('/prescriptions');
        const card = page.getByRole('article', { name: 'Levotyroksiini 50 µg' });
        await expect(card.getByTestId('purpose')).toHaveText('Kilpirauhasen vajaatoimintaan');
        await expect(page.getByTestId('renewal-state').first()).toHaveText(/^Viimeisin uusimispyyntö: .+/);
        if (js) await expectAccessible(page, 'prescriptions');

        // Nothing is wider than the screen.
        for (const path of ['/', '/laboratory/P%20-Krea', '/vaccinations', '/prescriptions']) {
          await page.goto(path);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, path).toBeLessThanOrEqual(0);
        }
      });
    });
  }
}
