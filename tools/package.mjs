// `./x package` (after the release build): packs dist/ for site owners, as
//   - an npm package, target/package/datelines-<version>.tgz (made by `npm pack`; publish it with
//     `npm publish target/package/datelines-<version>.tgz`), and
//   - a plain archive of the same files, target/package/datelines-<version>-dist.tar.gz, whose
//     top folder is datelines-<version>/, for self-hosting;
// and writes target/package/integrity.txt, the Subresource Integrity value of datelines.js.
// The version, description and license come from Cargo.toml's [package].
//
//   node tools/package.mjs [--dist DIR] [--out DIR]
//
// Prints the integrity value, then the two archives' absolute paths, as its last three lines.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cargoField } from './cargo-package.mjs';
import { compressedForms } from './precompress.mjs';
import { sri } from './sri.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    dist: { type: 'string', default: join(ROOT, 'dist') },
    out: { type: 'string', default: join(ROOT, 'target/package') },
  },
});
const dist = resolve(args.dist);
const out = resolve(args.out);

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

const version = cargoField('version');
const license = cargoField('license');
const description = cargoField('description');
if (!version || !license || !description) fail('no version, license or description in Cargo.toml [package]');

// The files: the loader, the hashed glue and wasm it names, the stylesheet, the schema, and the
// page that writes the snippet (configure.html with its script, stylesheet and icon), each with
// its .br and .gz.
let distFiles;
try {
  distFiles = readdirSync(dist);
} catch {
  fail(`no ${dist}: run ./x build first`);
}
if (!distFiles.includes('datelines.js')) fail(`no datelines.js in ${dist}: run ./x build first`);
const loader = readFileSync(join(dist, 'datelines.js'), 'utf8');
function one(pattern, what, mustBeNamed) {
  let found = distFiles.filter((f) => pattern.test(f));
  // A dist/ with files of several builds: the ones this loader names.
  if (found.length > 1) found = found.filter((f) => loader.includes(f));
  if (found.length !== 1) fail(`expected one ${what} in ${dist}, found: ${found.join(', ') || 'none'}`);
  if (mustBeNamed && !loader.includes(found[0])) fail(`datelines.js does not load ${found[0]}`);
  return found[0];
}
const glue = one(/^datelines-[0-9a-f]+\.js$/, 'datelines-<hash>.js', true);
const wasm = one(/^datelines-[0-9a-f]+_bg\.wasm$/, 'datelines-<hash>_bg.wasm', true);
const css = one(/^datelines-[0-9a-f]+\.css$/, 'datelines-<hash>.css', true);
for (const f of ['datelines.schema.json', 'configure.html', 'configure.js', 'configure.css', 'favicon.svg']) {
  if (!distFiles.includes(f)) fail(`no ${f} in ${dist}`);
}

// Subresource Integrity: base64 of the SHA-384 digest.
const integrity = sri(join(dist, 'datelines.js'));
// The build wrote it into configure.html (tools/configure.mjs); a page with another value would
// hand out a snippet the browser refuses.
if (!readFileSync(join(dist, 'configure.html'), 'utf8').includes(`content="${integrity}"`)) {
  fail(`${dist}/configure.html does not have datelines.js's integrity value: run ./x build again`);
}

// Every file of the package, from dist/ or generated.
const copies = [
  ['datelines.js', 'datelines.js'],
  [glue, glue],
  [wasm, wasm],
  [css, css],
  [css, 'datelines.css'],
  ['datelines.schema.json', 'datelines.schema.json'],
  ['configure.html', 'configure.html'],
  ['configure.js', 'configure.js'],
  ['configure.css', 'configure.css'],
  ['favicon.svg', 'favicon.svg'],
];
// Beside each, its brotli and gzip forms (`<file>.br`, `<file>.gz`) for servers that send
// precompressed files: the build's (tools/precompress.mjs) when they match the file, else made
// here; none where compressing does not make the file smaller.
const compressed = [];
for (const [from, to] of copies) {
  for (const [ext, bytes] of Object.entries(compressedForms(join(dist, from)))) compressed.push([`${to}.${ext}`, bytes]);
}
const files = [...copies.map(([, to]) => to), ...compressed.map(([name]) => name), 'README.md', 'package.json'].sort();

const readme = readFileSync(join(ROOT, 'packaging/README.md'), 'utf8')
  .replaceAll('{{version}}', version)
  .replaceAll('{{integrity}}', integrity)
  .replaceAll('{{license}}', license);
const leftover = readme.match(/\{\{[^}]*\}\}/);
if (leftover) fail(`packaging/README.md: unknown placeholder ${leftover[0]}`);

// No `scripts`: nothing runs when the package is installed.
const manifest = {
  name: 'datelines',
  version,
  description,
  keywords: ['news', 'web-component', 'custom-element', 'webassembly', 'json-feed'],
  license,
  type: 'module',
  main: './datelines.js',
  module: './datelines.js',
  exports: {
    '.': './datelines.js',
    './datelines.css': './datelines.css',
    './datelines.schema.json': './datelines.schema.json',
    './package.json': './package.json',
  },
  files,
};

/** Writes the package's files into `dir` (emptied first). */
function stage(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [from, to] of copies) copyFileSync(join(dist, from), join(dir, to));
  for (const [name, bytes] of compressed) writeFileSync(join(dir, name), bytes);
  writeFileSync(join(dir, 'README.md'), readme);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // One date for every file, so the archive does not depend on when it was made.
  const date = new Date('2026-11-29T00:00:00Z');
  for (const f of files) utimesSync(join(dir, f), date, date);
}

mkdirSync(out, { recursive: true });

// The npm package. No update check and no scripts: packing stays offline.
const npmDir = join(out, 'npm');
stage(npmDir);
const npmEnv = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
const tgz = join(out, `datelines-${version}.tgz`);
rmSync(tgz, { force: true });
const packed = JSON.parse(execFileSync(
  'npm',
  ['pack', '--json', '--ignore-scripts', '--pack-destination', out],
  { cwd: npmDir, env: npmEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
));
const listed = packed[0].files.map((f) => f.path).sort();
if (JSON.stringify(listed) !== JSON.stringify(files)) {
  fail(`npm pack packed ${listed.join(', ')}; expected ${files.join(', ')}`);
}
if (join(out, packed[0].filename) !== tgz) fail(`npm pack wrote ${packed[0].filename}, not ${tgz}`);

// The plain archive: the same files under datelines-<version>/.
const top = `datelines-${version}`;
const tarDir = join(out, 'dist');
stage(join(tarDir, top));
const tarGz = join(out, `datelines-${version}-dist.tar.gz`);
// GNU tar can leave out who made it; other tars (bsdtar) take the files as they are.
let gnu = false;
try {
  gnu = /GNU tar/.test(execFileSync('tar', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
} catch {
  // Not GNU tar.
}
const owner = gnu ? ['--owner=0', '--group=0', '--numeric-owner'] : [];
execFileSync('tar', ['-czf', tarGz, ...owner, '-C', tarDir, ...files.map((f) => `${top}/${f}`)], { stdio: 'inherit' });

writeFileSync(join(out, 'integrity.txt'), `${integrity}\n`);

console.log(`package: datelines ${version}: ${files.join(', ')}`);
console.log(`package: integrity of datelines.js (also in ${join(out, 'integrity.txt')}):`);
console.log(integrity);
console.log(tgz);
console.log(tarGz);
