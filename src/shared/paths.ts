import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The project folder (where package.json is), found from this file's location, so reference data
 * and templates are found both from the TypeScript sources and from the compiled dist/ build.
 */
export function projectRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  root = dir;
  return dir;
}

export function fromRoot(...parts: string[]): string {
  return path.join(projectRoot(), ...parts);
}

export function readJson<T>(...parts: string[]): T {
  return JSON.parse(fs.readFileSync(fromRoot(...parts), 'utf8')) as T;
}
