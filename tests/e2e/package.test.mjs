// `tools/package.mjs` (what `./x package` runs after the release build), into a temporary folder:
// the npm package holds exactly the loader, the glue and wasm it loads, the stylesheet, the
// schema, the snippet-writing page (configure.html, .js, .css and its icon), README.md and
// package.json; its package.json has no scripts and Cargo.toml's version; the .tgz and the
// .tar.gz hold the same files; integrity.txt is the SHA-384 of datelines.js, and configure.html
// writes snippets with it. Beside every file but README.md and package.json, its brotli (.br)
// and gzip (.gz) forms, each decoding to exactly that file.
// Offline and without a browser; needs dist/ (the release build).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cargoField } from '../../tools/cargo-package.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const DIST = join(ROOT, 'dist');
const NPM_ENV = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

const VERSION = cargoField('version');
const LICENSE = cargoField('license');

let out;
let stdout;

before(() => {
  if (!existsSync(join(DIST, 'datelines.js'))) throw new Error('dist/ is missing: run ./x build first');
  out = mkdtempSync(join(tmpdir(), 'datelines-package-'));
  stdout = execFileSync('node', [join(ROOT, 'tools/package.mjs'), '--out', out], {
    cwd: ROOT, env: NPM_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
  });
});

after(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

let dryRun;
/** What `npm pack --dry-run` in the staging folder would pack (asked once). */
function packDryRun() {
  dryRun ??= JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: join(out, 'npm'), env: NPM_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  }))[0];
  return dryRun;
}

const FIXED = ['datelines.js', 'datelines.css', 'datelines.schema.json', 'configure.html', 'configure.js', 'configure.css',
  'favicon.svg', 'README.md', 'package.json'];

/** The package's files: exactly these, with one glue, one wasm and one hashed stylesheet. */
function assertExpectedFiles(all) {
  // Every file for the browser comes with its precompressed forms, and nothing else does.
  const names = all.filter((n) => !/\.(br|gz)$/.test(n));
  const packed = all.filter((n) => /\.(br|gz)$/.test(n)).sort();
  const shipped = names.filter((n) => n !== 'README.md' && n !== 'package.json');
  assert.deepEqual(packed, shipped.flatMap((n) => [`${n}.br`, `${n}.gz`]).sort(), `a .br and a .gz beside each served file in ${all}`);
  for (const n of FIXED) assert.ok(names.includes(n), `${n} in ${names}`);
  const rest = names.filter((n) => !FIXED.includes(n));
  assert.equal(rest.filter((n) => /^datelines-[0-9a-f]+\.js$/.test(n)).length, 1, `one glue JS in ${names}`);
  assert.equal(rest.filter((n) => /^datelines-[0-9a-f]+_bg\.wasm$/.test(n)).length, 1, `one wasm in ${names}`);
  assert.equal(rest.filter((n) => /^datelines-[0-9a-f]+\.css$/.test(n)).length, 1, `one hashed CSS in ${names}`);
  assert.equal(rest.length, 3, `nothing else in ${names}`);
  assert.equal(names.length, FIXED.length + 3, `no duplicates in ${names}`);
}

test('npm pack --dry-run lists exactly the loader, glue, wasm, stylesheets, schema, configurator, README and package.json', () => {
  const dry = packDryRun();
  const names = dry.files.map((f) => f.path).sort();
  assertExpectedFiles(names);
  assert.equal(dry.filename, `datelines-${VERSION}.tgz`);
  // The glue and wasm are the ones the loader loads, byte for byte the build's.
  const loader = readFileSync(join(out, 'npm/datelines.js'), 'utf8');
  for (const n of names.filter((n) => /^datelines-[0-9a-f]+(\.js|_bg\.wasm)$/.test(n))) {
    assert.ok(loader.includes(n), `datelines.js loads ${n}`);
    assert.ok(readFileSync(join(out, 'npm', n)).equals(readFileSync(join(DIST, n))), `${n} is dist/${n}`);
  }
  const css = names.find((n) => /^datelines-[0-9a-f]+\.css$/.test(n));
  assert.ok(readFileSync(join(out, 'npm/datelines.css')).equals(readFileSync(join(DIST, css))), 'datelines.css is the build\'s stylesheet');
});

test('the .br and .gz files decode to exactly the files beside them, and are smaller', () => {
  const names = packDryRun().files.map((f) => f.path);
  const br = names.filter((n) => n.endsWith('.br'));
  // The app itself is there in brotli: loader, glue, wasm and both stylesheets.
  for (const pattern of [/^datelines\.js\.br$/, /^datelines-[0-9a-f]+\.js\.br$/, /^datelines-[0-9a-f]+_bg\.wasm\.br$/, /^datelines-[0-9a-f]+\.css\.br$/, /^datelines\.css\.br$/]) {
    assert.equal(br.filter((n) => pattern.test(n)).length, 1, `${pattern} in ${br}`);
  }
  for (const [ext, decode] of [['.br', brotliDecompressSync], ['.gz', gunzipSync]]) {
    for (const n of names.filter((f) => f.endsWith(ext))) {
      const plain = readFileSync(join(out, 'npm', n.slice(0, -ext.length)));
      const packed = readFileSync(join(out, 'npm', n));
      assert.ok(decode(packed).equals(plain), `${n} decodes to ${n.slice(0, -ext.length)}`);
      assert.ok(packed.length < plain.length, `${n} is smaller than its file`);
    }
  }
});

test('package.json: name, Cargo.toml version, license, module, exports, files, and no scripts', () => {
  const manifest = JSON.parse(readFileSync(join(out, 'npm/package.json'), 'utf8'));
  assert.equal(manifest.name, 'datelines');
  assert.equal(manifest.version, VERSION);
  assert.equal(manifest.license, LICENSE);
  assert.equal(manifest.type, 'module');
  assert.equal(manifest.main, './datelines.js');
  assert.equal(manifest.module, './datelines.js');
  assert.ok(manifest.description);
  assert.deepEqual(manifest.exports, {
    '.': './datelines.js',
    './datelines.css': './datelines.css',
    './datelines.schema.json': './datelines.schema.json',
    './package.json': './package.json',
  });
  const dry = packDryRun();
  assert.deepEqual([...manifest.files].sort(), dry.files.map((f) => f.path).sort());
  assert.equal(manifest.scripts, undefined, 'no scripts, so nothing runs on install');
  for (const key of ['dependencies', 'devDependencies', 'bin', 'gypfile']) assert.equal(manifest[key], undefined, key);

  const readme = readFileSync(join(out, 'npm/README.md'), 'utf8');
  assert.doesNotMatch(readme, /\{\{/, 'every placeholder of packaging/README.md is filled in');
  assert.ok(readme.includes(`https://cdn.jsdelivr.net/npm/datelines@${VERSION}/datelines.js`), 'the versioned CDN snippet');
  assert.ok(readme.includes(readFileSync(join(out, 'integrity.txt'), 'utf8').trim()), 'the integrity value');
});

test('the .tgz and the .tar.gz hold the same files', () => {
  const tgz = join(out, `datelines-${VERSION}.tgz`);
  const tarGz = join(out, `datelines-${VERSION}-dist.tar.gz`);
  // The last two lines of the output are the archives' absolute paths.
  assert.deepEqual(stdout.trim().split('\n').slice(-2), [tgz, tarGz]);
  const list = (file) => execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const npmNames = list(tgz);
  const distNames = list(tarGz);
  assert.ok(npmNames.every((n) => n.startsWith('package/')), npmNames.join(', '));
  assert.ok(distNames.every((n) => n.startsWith(`datelines-${VERSION}/`)), distNames.join(', '));
  const strip = (names) => names.map((n) => n.slice(n.indexOf('/') + 1)).sort();
  assertExpectedFiles(strip(npmNames));
  assert.deepEqual(strip(distNames), strip(npmNames));
});

test('integrity.txt is the SHA-384 of dist/datelines.js, printed before the two paths', () => {
  const expected = `sha384-${createHash('sha384').update(readFileSync(join(DIST, 'datelines.js'))).digest('base64')}`;
  assert.equal(readFileSync(join(out, 'integrity.txt'), 'utf8'), `${expected}\n`);
  assert.equal(stdout.trim().split('\n').at(-3), expected);
});

test('configure.html in the package names this version and integrity.txt\'s value, for its snippets', () => {
  const html = readFileSync(join(out, 'npm/configure.html'), 'utf8');
  const integrity = readFileSync(join(out, 'integrity.txt'), 'utf8').trim();
  assert.ok(html.includes(`<meta name="datelines-version" content="${VERSION}">`), 'the version');
  assert.ok(html.includes(`<meta name="datelines-integrity" content="${integrity}">`), 'the integrity value');
  // It loads the widget and its own files from beside itself, so it works wherever the package is.
  for (const file of ['datelines.js', 'configure.js', 'configure.css', 'favicon.svg']) {
    assert.match(html, new RegExp(`(src|href)="${file.replace('.', '\\.')}"`), file);
  }
});
