// Bad inputs through the real server over stdio, one fresh server per input: time from didOpen to
// published diagnostics, then hover/completion/outline/folding/lens on it; peak server memory
// (VmHWM from /proc); what the user sees (the first diagnostics). Results go in docs/robustness.md.
//
//   node scripts/build.mjs && npx esbuild bench/robustness.ts --bundle --platform=node --outfile=bench/out/robustness.js && node bench/out/robustness.js
import { readFileSync } from 'node:fs';
import { CompletionRequest, DocumentSymbolRequest, FoldingRangeRequest, HoverRequest, CodeLensRequest } from 'vscode-languageserver-protocol/node';
import { BAD_INPUTS } from '../test/helpers/badInputs';
import { LspTestClient } from '../test/helpers/lspClient';

async function main(): Promise<void> {
  console.log('| input | size | diagnostics after | features after | peak RSS | what the user sees |');
  console.log('|---|---|---|---|---|---|');
  for (const input of BAD_INPUTS) {
    const text = input.text();
    const client = new LspTestClient();
    await client.initialize(null);
    const uri = 'file:///bench/bad.yaml';
    const started = performance.now();
    const diagnostics = await client.open(uri, text, 300_000);
    const diagnosed = performance.now() - started;
    const textDocument = { uri };
    const position = { line: Math.floor(text.split('\n').length / 2), character: 2 };
    await client.connection.sendRequest(HoverRequest.type, { textDocument, position });
    await client.connection.sendRequest(CompletionRequest.type, { textDocument, position });
    await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument });
    await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument });
    await client.connection.sendRequest(CodeLensRequest.type, { textDocument });
    const features = performance.now() - started - diagnosed;
    const info = await client.request<{ pid: number; rss: number }>('k8sStateful/processInfo');
    const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${info.pid}/status`, 'utf8'))?.[1]) * 1024 || info.rss;
    await client.shutdown();
    const seen = diagnostics.length === 0 ? 'no diagnostics' : `${diagnostics.length}: ${diagnostics.slice(0, 2).map((d) => `\`${d.code}\` ${String(d.message).slice(0, 90).replace(/\|/g, '\\|').replace(/\s+/g, ' ')}`).join('; ')}`;
    console.log(
      `| ${input.name} | ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB | ${diagnosed.toFixed(0)} ms | ${features.toFixed(0)} ms | ${(hwm / 1024 / 1024).toFixed(0)} MB | ${seen} |`,
    );
  }
}

void main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
