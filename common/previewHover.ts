// The preview of one StatefulSet as Markdown, for the hover on its `metadata.name`.
// Pure over the model (no parser, no index): the VS Code client renders tree tooltips with it too.
import type { StatefulSetPreview } from './previewModel';
import { claimDetails } from './previewText';

const HEAD = 3;
const TAIL = 2;

export function previewHoverMarkdown(sts: StatefulSetPreview): string {
  const out: string[] = [];
  const ns = sts.namespaceDefaulted ? `\`${sts.namespace}\` (default)` : `\`${sts.namespace}\``;
  const replicas =
    sts.replicas === null ? 'replicas is not a non-negative integer' : `${sts.replicas} replica${sts.replicas === 1 ? '' : 's'}${sts.replicasDefaulted ? ' (default)' : ''}`;
  out.push(`**StatefulSet \`${sts.name}\`** in namespace ${ns}: ${replicas}${sts.ordinalsStart ? `, ordinals from ${sts.ordinalsStart}` : ''}`);
  out.push('', escape(sts.podManagementNote));

  const total = sts.pods.length + sts.omittedPods;
  if (total > 0) {
    const withDns = sts.pods.some((p) => p.dns);
    const withClaims = sts.claimTemplates.length > 0;
    out.push('', `| pod |${withDns ? ' DNS |' : ''}${withClaims ? ' claims |' : ''}`, `|---|${withDns ? '---|' : ''}${withClaims ? '---|' : ''}`);
    const collapse = total > HEAD + TAIL + 1;
    const rows = collapse ? [...sts.pods.slice(0, HEAD), undefined, ...sts.pods.slice(sts.pods.length - TAIL)] : sts.pods;
    for (const pod of rows) {
      if (!pod) {
        out.push(`| … ${total - HEAD - TAIL} more … |${withDns ? ' |' : ''}${withClaims ? ' |' : ''}`);
        continue;
      }
      const dns = withDns ? ` ${pod.dns ? `\`${pod.dns}\`` : ''} |` : '';
      const claims = withClaims ? ` ${pod.claims.map((c) => `\`${c.name}\``).join(', ')} |` : '';
      out.push(`| \`${pod.name}\` |${dns}${claims}`);
    }
  }

  for (const t of sts.claimTemplates) out.push('', `Claim template \`${t.template}\`: ${escape(claimDetails(t))}`);

  if (sts.service) {
    const s = sts.service;
    const state = !s.found ? 'not found in the workspace' : s.headless ? 'headless' : 'not headless';
    out.push('', `Service \`${s.name}\` (${state}): \`${s.fqdn}\``);
    for (const port of s.ports) out.push(`- SRV \`${port.srv}\``);
  } else {
    out.push('', 'No `serviceName`: pods get no per-pod DNS names.');
  }

  const r = sts.retention;
  out.push('', `On scale-down (\`whenScaled: ${r.whenScaled}\`): ${escape(r.scaleDownNote)}  `, `On delete (\`whenDeleted: ${r.whenDeleted}\`): ${escape(r.deleteNote)}`);

  for (const p of sts.problems) out.push('', `⚠ \`${p.rule}\`: ${escape(p.message)}`);
  return out.join('\n');
}

/** Escapes Markdown in free text (messages quote user input). */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|#]/g, (c) => `\\${c}`);
}
