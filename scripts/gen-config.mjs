// Writes package.json contributes.configuration and media/promptcost.schema.json from the zod schema
// in src/core/config/schema.ts. `--check` exits 1 when either is out of date (the unit tests check this too).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { configurationContribution, configFileJsonSchema } = await import('../src/core/config/contributes.ts');
const pkgPath = `${root}package.json`;
const schemaPath = `${root}media/promptcost.schema.json`;
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
const wantConfig = configurationContribution();
const wantSchema = JSON.stringify(configFileJsonSchema(), null, 2) + '\n';
const check = process.argv.includes('--check');
const haveConfig = JSON.stringify(pkg.contributes?.configuration ?? null);
let haveSchema = '';
try { haveSchema = readFileSync(schemaPath, 'utf8'); } catch { /* missing */ }
const drift = haveConfig !== JSON.stringify(wantConfig) || haveSchema !== wantSchema;
if (check) {
  if (drift) { console.error('contributes.configuration or media/promptcost.schema.json is out of date: run `npm run gen:config`'); process.exit(1); }
  console.log('config contribution: up to date');
} else {
  pkg.contributes = { ...(pkg.contributes ?? {}), configuration: wantConfig };
  writeFileSync(pkgPath, JSON.stringify(pkg, null, 2) + '\n');
  mkdirSync(`${root}media`, { recursive: true });
  writeFileSync(schemaPath, wantSchema);
  console.log('wrote contributes.configuration and media/promptcost.schema.json');
}
