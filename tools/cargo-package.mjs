// Cargo.toml's [package] fields, for the build and release tools (the version of datelines.js,
// the npm package and datelines-cli is this one).
import { readFileSync } from 'node:fs';

const toml = readFileSync(new URL('../Cargo.toml', import.meta.url), 'utf8');
const section = toml.match(/^\[package\][^\n]*\n([\s\S]*?)(?=^\[|(?![\s\S]))/m)?.[1] ?? '';

/** A string field of Cargo.toml's [package] section, or undefined. */
export function cargoField(key) {
  return section.match(new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, 'm'))?.[1];
}
