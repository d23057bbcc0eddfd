// One measurement for moduleLoadBench.ts, in a fresh Node process: load an extension's entry
// module and call its activate() with a stand-in VS Code API, then print the times as JSON: until
// activate() returns (VS Code's figure) and until what it returns has settled.
//   node moduleLoadChild.js <entry.js> <@types/vscode index.d.ts> [<global storage folder>]
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

const [entryFile, typesFile, storageFolder] = process.argv.slice(2);
// The runtime names @types/vscode declares, each a stand-in, as the real API object has them.
const names = [...fs.readFileSync(typesFile, 'utf8').matchAll(/^\s*export (?:class|namespace|enum|function|const|let) (\w+)/gm)].map(
  (match) => match[1],
);
const api = Object.fromEntries(names.map((name) => [name, standIn()]));
// Node's CommonJS loader (`module.constructor` is Module), whose _load resolves 'vscode' for us.
const loader = module.constructor as unknown as { _load(request: string, ...rest: unknown[]): unknown };
const load = loader._load;
loader._load = function (request: string, ...rest: unknown[]): unknown {
  return request === 'vscode' ? api : load.call(this, request, ...rest);
};
// The extension host has these loaded before any extension; here they would be charged to us.
for (const builtin of [
  'node:crypto',
  'node:fs',
  'node:fs/promises',
  'node:os',
  'node:path',
  'node:tls',
  'node:net',
  'node:vm',
  'node:module',
]) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(builtin);
}
// The extension context: stand-ins, but a real global storage folder (activation schedules a clean-up in it).
const subscriptions: unknown[] = [];
const globalStorageUri = storageFolder ? { scheme: 'file', fsPath: storageFolder } : { scheme: 'memory', fsPath: '' };
const context = new Proxy(standIn() as object, {
  get: (target, property) =>
    property === 'globalStorageUri' ? globalStorageUri : property === 'subscriptions' ? subscriptions : Reflect.get(target, property),
});

/** What this child prints, in milliseconds: until activate() returned (VS Code's figure), and until its promise settled. */
export interface ChildTimes {
  readonly ms: number;
  readonly settledMs: number;
}

/** Loads the entry module and activates it. */
async function measure(): Promise<ChildTimes> {
  const started = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extension = require(entryFile) as { activate(context: unknown): unknown };
  let activation: Promise<unknown>;
  try {
    activation = Promise.resolve(extension.activate(context));
  } catch (error) {
    activation = Promise.reject(error);
  }
  // VS Code's figure is the synchronous part; the settled one adds what activate() awaits (here the
  // stand-ins answer at once, so it is the rest of loading and registering, without real API calls).
  const ms = performance.now() - started;
  // Some stand-in may not behave like the real API: the time until then still counts.
  await activation.catch(() => undefined);
  return { ms, settledMs: performance.now() - started };
}

// The extension host's thread pool runs long before any extension starts; in a fresh process the
// first asynchronous file operation would start its threads inside the measurement.
const settled = fs.promises.stat(__filename).then(measure);

void settled.then((times) => {
  console.log(JSON.stringify(times));
  process.exit(0);
});
