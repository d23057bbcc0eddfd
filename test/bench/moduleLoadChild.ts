// One measurement for moduleLoadBench.ts, in a fresh Node process: load an extension's main
// module and call its activate() with a stand-in VS Code API, then print the two times as JSON.
import * as fs from 'node:fs';

/** A stand-in for any API value: callable, constructible, and every property is another one. */
function standIn(): unknown {
  const target = function (): void {};
  return new Proxy(target, {
    get: (_target, property) => (property === 'then' ? undefined : property === Symbol.toPrimitive ? () => '' : standIn()),
    apply: () => standIn(),
    construct: () => standIn() as object,
  });
}

const [mainFile, typesFile] = process.argv.slice(2);
// The runtime names @types/vscode declares, each a stand-in, as the real API object has them.
const names = [...fs.readFileSync(typesFile, 'utf8').matchAll(/^\s*export (?:class|namespace|enum|function|const|let) (\w+)/gm)].map((match) => match[1]);
const api = Object.fromEntries(names.map((name) => [name, standIn()]));
// Node's CommonJS loader (`module.constructor` is Module), whose _load resolves 'vscode' for us.
const loader = module.constructor as unknown as { _load(request: string, ...rest: unknown[]): unknown };
const load = loader._load;
loader._load = function (request: string, ...rest: unknown[]): unknown {
  return request === 'vscode' ? api : load.call(this, request, ...rest);
};
// The extension host has these loaded before any extension; here they would be charged to us.
for (const builtin of ['node:crypto', 'node:fs', 'node:fs/promises', 'node:os', 'node:path', 'node:tls', 'node:net']) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by name, before the timing starts
  require(builtin);
}

const started = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const extension = require(mainFile) as { activate(context: unknown): unknown };
const loaded = performance.now();
let activated = loaded;
try {
  // Only the synchronous part counts, as in VS Code's figure; what it awaits runs against stand-ins.
  Promise.resolve(extension.activate(standIn())).catch(() => undefined);
} finally {
  activated = performance.now();
}
console.log(JSON.stringify({ loadMs: loaded - started, activateMs: activated - loaded }));
