// Renders packaging/icon.svg into the app icons electron-builder uses (`npm run icons`):
// icon.png (512), icon-256.png, icon.ico (Windows) and icon.icns (macOS), all in packaging/.
// Chromium (Debian's, through playwright-core) draws the SVG; the ICO and ICNS containers hold
// PNG images, which both formats allow, so no image library is needed.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packaging = join(root, 'packaging');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];

/** PNG renderings of `svg` at each size, transparent outside the drawing. */
export async function renderPngs(svg, sizes) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const pngs = new Map();
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size });
      const sized = svg.replace(/<svg\b([^>]*?)\swidth="\d+"\sheight="\d+"/, `<svg$1 width="${size}" height="${size}"`);
      await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`);
      pngs.set(size, await page.locator('svg').screenshot({ omitBackground: true }));
    }
    return pngs;
  } finally {
    await browser.close();
  }
}

/** An ICO file whose entries are PNG images (Windows Vista and later read them). */
export function icoFromPngs(entries) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);               // reserved
  header.writeUInt16LE(1, 2);               // 1 = icon
  header.writeUInt16LE(entries.length, 4);
  const directory = Buffer.alloc(16 * entries.length);
  let offset = header.length + directory.length;
  entries.forEach(({ size, png }, i) => {
    const at = i * 16;
    directory.writeUInt8(size >= 256 ? 0 : size, at);       // width, 0 means 256
    directory.writeUInt8(size >= 256 ? 0 : size, at + 1);   // height
    directory.writeUInt8(0, at + 2);                        // palette colours
    directory.writeUInt8(0, at + 3);                        // reserved
    directory.writeUInt16LE(1, at + 4);                     // colour planes
    directory.writeUInt16LE(32, at + 6);                    // bits per pixel
    directory.writeUInt32LE(png.length, at + 8);
    directory.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, directory, ...entries.map(e => e.png)]);
}

/** The ICNS element types that hold a PNG, by pixel size (ic11..ic14 are the @2x variants). */
export const ICNS_TYPES = [
  ['ic11', 32], ['ic12', 64], ['ic07', 128], ['ic13', 256], ['ic08', 256], ['ic14', 512], ['ic09', 512], ['ic10', 1024],
];

/** An ICNS file: 'icns', total length, then (type, length, PNG) elements; lengths big-endian. */
export function icnsFromPngs(pngBySize) {
  const elements = ICNS_TYPES.map(([type, size]) => {
    const png = pngBySize.get(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + elements.reduce((n, e) => n + e.length, 0), 4);
  return Buffer.concat([head, ...elements]);
}

export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

async function main() {
  const svg = await readFile(join(packaging, 'icon.svg'), 'utf8');
  const sizes = [...new Set([...ICO_SIZES, ...ICNS_TYPES.map(([, s]) => s), 512])].sort((a, b) => a - b);
  const pngs = await renderPngs(svg, sizes);
  await writeFile(join(packaging, 'icon.png'), pngs.get(512));
  await writeFile(join(packaging, 'icon-256.png'), pngs.get(256));
  await writeFile(join(packaging, 'icon.ico'), icoFromPngs(ICO_SIZES.map(size => ({ size, png: pngs.get(size) }))));
  await writeFile(join(packaging, 'icon.icns'), icnsFromPngs(pngs));
  console.log('icons: wrote packaging/icon.png, icon-256.png, icon.ico, icon.icns');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch(err => {
    console.error(`icons: ${err.message}`);
    process.exit(1);
  });
}
