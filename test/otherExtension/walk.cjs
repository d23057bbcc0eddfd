/**
 * Everything another extension can reach from a value it was handed: every string (as read
 * from properties, getters and return values) and every function, each called twice: with no
 * arguments, and with a stand-in for the prompts (an object that answers every method), the way
 * a hostile extension would try `ui.use(mine)`. No vscode import, so the unit tests run it too.
 */
async function walkExports(root, options = {}) {
  const maxDepth = options.maxDepth ?? 6;
  const maxCalls = options.maxCalls ?? 400;
  const callTimeoutMs = options.callTimeoutMs ?? 2000;
  const report = { strings: [], called: [], errors: [], standInCalls: [] };
  const seen = new Set();
  const standIn = new Proxy(
    {},
    {
      get: (_target, name) =>
        typeof name === 'symbol'
          ? undefined
          : async (...args) => {
              report.standInCalls.push(`${String(name)}(${args.map((arg) => safeString(arg)).join(', ')})`);
              return undefined;
            },
    },
  );

  async function visit(value, path, depth, self) {
    if (value === null || value === undefined) {
      return;
    }
    const type = typeof value;
    if (type === 'string') {
      report.strings.push(value);
      return;
    }
    if (type !== 'object' && type !== 'function') {
      report.strings.push(String(value));
      return;
    }
    if (seen.has(value) || depth > maxDepth) {
      return;
    }
    seen.add(value);
    if (type === 'function') {
      for (const args of [[], [standIn]]) {
        if (report.called.length >= maxCalls) {
          break;
        }
        report.called.push(`${path}(${args.length ? 'standIn' : ''})`);
        try {
          const result = await withTimeout(Promise.resolve(value.apply(self, args)), callTimeoutMs);
          await visit(result, `${path}()`, depth + 1, undefined);
        } catch (error) {
          report.errors.push(`${path}: ${error && error.message ? error.message : safeString(error)}`);
        }
      }
    }
    if (typeof value.then === 'function') {
      try {
        await visit(await withTimeout(value, callTimeoutMs), `await ${path}`, depth + 1, undefined);
      } catch (error) {
        report.errors.push(`await ${path}: ${safeString(error)}`);
      }
    }
    for (const key of propertyNames(value)) {
      let child;
      try {
        child = value[key];
      } catch (error) {
        report.errors.push(`${path}.${String(key)}: ${safeString(error)}`);
        continue;
      }
      await visit(child, `${path}.${String(key)}`, depth + 1, value);
    }
  }

  await visit(root, 'exports', 0, undefined);
  return report;
}

/** Own and inherited names (class methods live on prototypes), up to Object/Function's own. */
function propertyNames(value) {
  const names = new Set();
  for (let object = value; object && object !== Object.prototype && object !== Function.prototype; object = Object.getPrototypeOf(object)) {
    for (const key of Reflect.ownKeys(object)) {
      if (key !== 'constructor' && key !== 'prototype' && key !== 'caller' && key !== 'arguments') {
        names.add(key);
      }
    }
  }
  return [...names];
}

function withTimeout(promise, ms) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

function safeString(value) {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}

module.exports = { walkExports };
