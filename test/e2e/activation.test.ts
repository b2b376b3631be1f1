// The extension measures its own activation (DESIGN §6: activation ≤ 300 ms) and says so in its
// output channel. Only presence and sanity are checked here, no time limit: the figures are
// measured by `npm run bench -- --activation`.
import * as assert from 'node:assert/strict';
import type { K8sStatefulApi } from '../../client/src/extension';
import { activeExtension } from './helpers';

const LINE = /k8s-stateful: activated in (\d+) ms \(language server ready in (\d+) ms\)/g;

suite('activation', () => {
  test('activate reports its own time and the time until the language server was ready', async () => {
    const api = (await activeExtension()).exports as K8sStatefulApi;
    const { activateMs, serverReadyMs, loadMs } = api.activation;
    console.log(`    activated in ${activateMs.toFixed(1)} ms (bundle load ${loadMs} ms), language server ready in ${serverReadyMs.toFixed(1)} ms`);
    // VS Code's load mark was found, so the figures include loading the bundle.
    assert.ok(loadMs !== undefined && loadMs > 0, `loadMs = ${loadMs}`);
    assert.ok(Number.isFinite(activateMs) && activateMs > loadMs, `activateMs = ${activateMs}, loadMs = ${loadMs}`);
    assert.ok(Number.isFinite(serverReadyMs) && serverReadyMs > loadMs, `serverReadyMs = ${serverReadyMs}, loadMs = ${loadMs}`);

    const lines = [...api.outputLog().matchAll(LINE)];
    assert.equal(lines.length, 1, `expected one activation line in the output channel, got ${lines.length}`);
    assert.equal(Number(lines[0][1]), Math.round(activateMs));
    assert.equal(Number(lines[0][2]), Math.round(serverReadyMs));
  });
});
