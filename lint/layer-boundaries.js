// The layers of design.md as one ESLint rule: core imports nothing of ours but core, web never
// reaches the app, the app never reaches the web, and only the CLI itself imports from `cli/`.
// Every import form is checked (static, re-export, dynamic, `import('…')` types) after resolving
// it to a file under the repository, so `../../app/…` and `@stagegate/app/…` are the same import.
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const packageDirs = { '@stagegate/core': 'packages/core', '@stagegate/app': 'packages/app', '@stagegate/web': 'packages/web' };

/** The repository-relative path an import specifier points at, or null for a third-party package. */
function target(specifier, fromFile) {
  if (specifier.startsWith('.')) return path.relative(root, path.resolve(path.dirname(fromFile), specifier));
  for (const [name, dir] of Object.entries(packageDirs)) {
    if (specifier === name) return dir;
    // the packages export `./*` as `./src/*.ts`
    if (specifier.startsWith(`${name}/`)) return `${dir}/src/${specifier.slice(name.length + 1)}`;
  }
  return null;
}

const layerOf = (rel) => /^packages\/(core|app|web)(\/|$)/.exec(rel)?.[1] ?? null;
const inCli = (rel) => rel === 'packages/app/src/cli' || rel.startsWith('packages/app/src/cli/');

/** Which layers each layer may import (its own included). */
const allowed = { core: ['core'], app: ['core', 'app'], web: ['core', 'web'] };

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep the layers of design.md: core ← app, core ← web, cli/ only from cli/' },
    // files still allowed to import cli/ while they are being moved out (repository-relative)
    schema: [{ type: 'object', properties: { pendingCliImporters: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }],
    messages: {
      layer: "{{from}} may not import from {{to}} ('{{specifier}}'): {{why}}",
      cli: "only packages/app/src/cli/ may import from cli/ ('{{specifier}}'): put what both need in a service or shared module",
    },
  },
  create(context) {
    const file = path.relative(root, context.filename);
    const from = layerOf(file);
    if (!from) return {};
    const pending = new Set(context.options[0]?.pendingCliImporters ?? []);
    const check = (node, specifier) => {
      if (typeof specifier !== 'string') return;
      const to = target(specifier, context.filename);
      if (to === null) return;
      const toLayer = layerOf(to);
      if (toLayer && !allowed[from].includes(toLayer)) {
        const why =
          from === 'core'
            ? 'core is pure and imports nothing of ours'
            : from === 'web'
              ? 'the web talks to the HTTP API only'
              : 'the app serves the web, never imports it';
        context.report({ node, messageId: 'layer', data: { from, to: toLayer, specifier, why } });
      } else if (inCli(to) && !inCli(file) && file.startsWith('packages/app/src/') && !pending.has(file)) {
        context.report({ node, messageId: 'cli', data: { specifier } });
      }
    };
    const literal = (n) => (n && n.type === 'Literal' ? n.value : n?.type === 'TSLiteralType' ? n.literal?.value : undefined);
    return {
      ImportDeclaration: (n) => check(n.source, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n.source, n.source.value),
      ExportAllDeclaration: (n) => check(n.source, n.source.value),
      ImportExpression: (n) => check(n.source, literal(n.source)),
      TSImportType: (n) => check(n, literal(n.source ?? n.argument)),
      TSExternalModuleReference: (n) => check(n.expression, literal(n.expression)),
    };
  },
};

export default { meta: { name: 'stagegate-layers' }, rules: { 'layer-boundaries': rule } };
