// French: ?lang=fr on the page and the lang attribute on the widget (or the host's lang) give
// French strings, dates and month names, and set the lang attribute for assistive technology.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, newPage, waitForList } from './helpers.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.tearDown(); });

const texts = (locator) => locator.evaluateAll((els) => els.map((e) => e.textContent.trim()));

test('?lang=fr shows the list, the filter and a card in French', async () => {
  const { page, context, errors } = await newPage(env.browser);
  await page.goto(`${env.server.url}/?lang=fr`);
  await waitForList(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.title(), 'Actualités · Datelines');
  // The bundled news is titled "News" by its source page: an explicit title shows as written
  // in every language (only a feed without a title gets the French default, "Actualités").
  assert.equal(await page.locator('h1').textContent(), 'News');
  assert.equal(await page.locator('.dl-count').textContent(), '10 articles');
  assert.equal(await page.locator('label[for=dl-month]').textContent(), 'Mois');
  assert.deepEqual(await texts(page.locator('#dl-month option')), ['Tous les mois', 'mars 2025 (1)', 'février 2025 (9)']);
  assert.deepEqual((await texts(page.locator('.dl-date'))).slice(0, 3), ['19 mars 2025', '27 février 2025', '24 février 2025']);
  // Month names are lower case in French; the headings' small capitals come from the CSS.
  assert.deepEqual(await texts(page.locator('.dl-month-heading')), ['mars 2025', 'février 2025']);
  assert.ok(await page.getByRole('link', { name: 'Retour en haut' }).isVisible());

  // Filtering keeps the language in the address, so a shared link stays French.
  await page.selectOption('#dl-month', '2025-02');
  await page.waitForFunction(() => document.querySelector('.dl-count').textContent === '9 articles');
  assert.match(page.url(), /lang=fr/);
  assert.match(page.url(), /month=2025-02/);

  await page.locator('.dl-title-link').first().click();
  const card = page.locator('dialog[open]');
  await card.waitFor();
  assert.equal(await card.locator('.dl-date').textContent(), '27 février 2025');
  assert.deepEqual(await texts(card.locator('.dl-card-steps button')), ['Précédent', 'Suivant']);
  assert.ok(await card.getByRole('button', { name: 'Fermer' }).isVisible());
  assert.match(await card.locator('.dl-caption').textContent(), /^\d+,\d\d\u00a0Ko$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('in French the empty month and the error state are French too', async () => {
  const { page, context } = await newPage(env.browser);
  await page.goto(`${env.server.url}/?lang=fr&month=2024-01`);
  await page.locator('.dl-empty').waitFor();
  assert.equal(await page.locator('.dl-empty p').textContent(), 'Aucun article pour janvier 2024.');
  assert.equal(await page.locator('.dl-count').textContent(), '0 article');
  await page.getByRole('button', { name: 'Afficher tous les mois' }).click();
  await page.waitForFunction(() => document.querySelector('.dl-count').textContent === '10 articles');

  await page.goto(`${env.server.url}/?lang=fr&month=abc`);
  await waitForList(page);
  assert.equal(await page.locator('.dl-notice').textContent(), '«\u202fabc\u202f» n’est pas un mois\u202f: tous les articles sont affichés.');

  await page.goto(`${env.server.url}/?lang=fr&src=/no-such-file.json`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.equal(await alert.locator('h2').textContent(), 'Le fichier des actualités est introuvable');
  assert.equal(await alert.locator('p').first().textContent(), 'Le serveur a répondu par le code HTTP 404 Not Found.');
  assert.ok(await alert.getByRole('button', { name: 'Réessayer' }).isVisible());
  await context.close();
});

test('a language Datelines does not speak falls back to English', async () => {
  const { page, context } = await newPage(env.browser);
  await page.goto(`${env.server.url}/?lang=xx`);
  await waitForList(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('.dl-count').textContent(), '10 entries');
  await context.close();
});

test('the widget speaks French with lang="fr", switches when it changes, and follows a French host', async () => {
  const { page, context, errors } = await newPage(env.browser);
  await page.goto(`${env.server.url}/embed.html`);
  const widget = page.locator('#widget-feb');
  // It starts when the reader comes near it (loading="lazy").
  await widget.scrollIntoViewIfNeeded();
  await widget.locator('article').first().waitFor();
  assert.equal(await widget.locator('.dl-count').textContent(), '9 entries');

  // A new language shows the same news again in it, without downloading it again.
  const fetched = [];
  page.on('request', (r) => { if (r.url().endsWith('news.json')) fetched.push(r.url()); });
  await page.evaluate(() => document.getElementById('widget-feb').setAttribute('lang', 'fr'));
  await page.waitForFunction(() => document.getElementById('widget-feb').shadowRoot.querySelector('.dl-count')?.textContent === '9 articles');
  assert.equal(await widget.locator('.dl-root').getAttribute('lang'), 'fr');
  assert.equal(await widget.locator('label').textContent(), 'Mois');
  assert.equal(await widget.locator('#dl-month option').first().textContent(), 'Tous les mois');
  assert.equal(await widget.locator('.dl-date').first().textContent(), '27 février 2025');
  assert.equal(await page.locator('#widget-all .dl-count').textContent(), '10 entries', 'the other widget stays English');
  assert.equal(await page.getAttribute('html', 'lang'), 'en', 'the host page is not touched');

  assert.deepEqual(fetched, [], 'no new request for the feed');
  await page.evaluate(() => document.getElementById('widget-feb').removeAttribute('lang'));
  await page.waitForFunction(() => document.getElementById('widget-feb').shadowRoot.querySelector('.dl-count')?.textContent === '9 entries');

  // No lang attribute of its own: the host's French section decides, and the default name is French.
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend',
    '<section lang="fr-CA"><datelines-news id="widget-host-fr" limit="2"></datelines-news></section>'));
  const hosted = page.locator('#widget-host-fr');
  await hosted.scrollIntoViewIfNeeded();
  await hosted.locator('article').first().waitFor();
  assert.equal(await hosted.locator('.dl-count').textContent(), '10 articles');
  assert.equal(await hosted.locator('.dl-root').getAttribute('lang'), 'fr');
  assert.equal(await hosted.locator('.dl-root').getAttribute('aria-label'), 'Actualités');
  // Its own lang wins; removed again, the host's French applies again.
  await page.evaluate(() => document.getElementById('widget-host-fr').setAttribute('lang', 'en'));
  await page.waitForFunction(() => document.getElementById('widget-host-fr').shadowRoot.querySelector('.dl-count')?.textContent === '10 entries');
  await page.evaluate(() => document.getElementById('widget-host-fr').removeAttribute('lang'));
  await page.waitForFunction(() => document.getElementById('widget-host-fr').shadowRoot.querySelector('.dl-count')?.textContent === '10 articles');
  assert.deepEqual(errors, []);
  await context.close();
});
