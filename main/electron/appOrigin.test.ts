import { join } from 'node:path';
import { APP_PAGE_URL, appFileFor, isAppPage, permissionAllowed, settleWithin } from './appOrigin';

const renderer = join('/opt', 'Viper', 'resources', 'app.asar', 'build', 'renderer');

describe('app:// requests', () => {
  test('name files inside the renderer folder', () => {
    expect(appFileFor(APP_PAGE_URL, renderer)).toBe(join(renderer, 'index.html'));
    expect(appFileFor('app://viper/', renderer)).toBe(join(renderer, 'index.html'));
    expect(appFileFor('app://viper/main.js?v=1', renderer)).toBe(join(renderer, 'main.js'));
    expect(appFileFor('app://viper/fonts/a%20b.woff2', renderer)).toBe(join(renderer, 'fonts', 'a b.woff2'));
  });

  test.each(['app://viper/../../etc/passwd', 'app://viper/%2e%2e/%2e%2e/etc/passwd'])('keep %s inside the folder', url => {
    expect(appFileFor(url, renderer)).toBe(join(renderer, 'etc', 'passwd'));    // the URL parser drops the dots
  });

  test.each([
    'app://viper/..%2f..%2fetc%2fpasswd',
    'app://viper/a%5c..%5c..%5csecret',
    'app://viper/main.js%00.png',
    'app://viper/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
    'https://viper/index.html',
    'not a url',
  ])('refuse %s', url => {
    expect(appFileFor(url, renderer)).toBeUndefined();
  });
});

test('only our page is our page', () => {
  expect(isAppPage(APP_PAGE_URL)).toBe(true);
  expect(isAppPage(`${APP_PAGE_URL}?x=1#top`)).toBe(true);
  for (const url of ['file:///opt/Viper/resources/app.asar/build/renderer/index.html', 'app://viper.evil/index.html',
    'https://viper/index.html', 'about:blank', '', undefined]) {
    expect(isAppPage(url)).toBe(false);
  }
});

test('the page may write the clipboard and nothing else; no other page may', () => {
  expect(permissionAllowed('clipboard-sanitized-write', APP_PAGE_URL)).toBe(true);
  for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'serial', 'hid', 'usb', 'openExternal']) {
    expect(permissionAllowed(p, APP_PAGE_URL)).toBe(false);
  }
  expect(permissionAllowed('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
  expect(permissionAllowed('clipboard-sanitized-write', undefined)).toBe(false);
});

test('settleWithin waits for the work, but never longer than its bound', async () => {
  let done = false;
  await settleWithin(new Promise(r => setTimeout(() => { done = true; r(null); }, 20)), 5000);
  expect(done).toBe(true);
  const started = Date.now();
  await settleWithin(new Promise(() => undefined), 50);
  expect(Date.now() - started).toBeLessThan(2000);
  await settleWithin(Promise.reject(new Error('a board that fails to close')), 5000);
});
