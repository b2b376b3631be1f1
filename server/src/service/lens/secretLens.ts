// Code lenses over Secret `data` entries. The service only says where each value is and what it
// is (text of N bytes, binary, invalid base64); lens titles are masked. Showing a decoded value is
// the client's job (per value, on request, or with k8sStateful.secrets.showDecoded), so decoded
// text never crosses the protocol, where tracing could copy it into a log.
import { isKind, SECRET } from '../kinds';
import { isMap, isScalar, type Pair } from 'yaml';
import type { CodeLens, Range } from 'vscode-languageserver-types';
import { rangeOf } from '../parse/positions';
import { decodeSecretValue, describeByteLength, type DecodedSecretValue } from '../../../../common/secretValue';
import type { ParsedFile } from '../types';
import { SECRET_COMMANDS, type SecretValueRef } from '../../../../common/protocol';
import { MASK } from '../../../../common/secretTitles';

export { SECRET_COMMANDS, type SecretValueRef };

export interface SecretValueLens {
  /** The line of the entry; lenses show above it. */
  range: Range;
  ref: SecretValueRef;
  kind: DecodedSecretValue['kind'];
  byteLength?: number;
  /** Why the value is not valid base64 (about the encoded text only). */
  invalidReason?: string;
}

export function secretValueLenses(uri: string, file: ParsedFile): SecretValueLens[] {
  if (!file.isKubernetes || file.isTemplate) return [];
  const out: SecretValueLens[] = [];
  for (const document of file.documents) {
    const resource = document.resource;
    if (!resource || !isKind(resource, SECRET)) continue;
    const data = resource.root.get('data', true);
    if (!isMap(data)) continue;
    for (const pair of data.items as Pair[]) {
      if (!isScalar(pair.key) || !isScalar(pair.value) || !pair.key.range || !pair.value.range) continue;
      const decoded = decodeSecretValue(pair.value.value === null ? '' : String(pair.value.value));
      out.push({
        range: rangeOf(file.lineCounter, file.text, pair.key.range[0], pair.value.range[1]),
        ref: {
          uri,
          documentIndex: document.index,
          key: String(pair.key.value),
          valueRange: rangeOf(file.lineCounter, file.text, pair.value.range[0], pair.value.range[1]),
        },
        kind: decoded.kind,
        byteLength: decoded.kind === 'invalid' ? undefined : decoded.byteLength,
        invalidReason: decoded.kind === 'invalid' ? decoded.reason : undefined,
      });
    }
  }
  return out;
}

/**
 * LSP code lenses for the values: the masked summary (click toggles reveal in the client), and
 * for text values "copy" and "edit decoded". Titles here never contain decoded text.
 */
export function secretCodeLenses(lenses: SecretValueLens[]): CodeLens[] {
  const out: CodeLens[] = [];
  for (const lens of lenses) {
    const args = [lens.ref];
    const summary =
      lens.kind === 'text'
        ? `${MASK}  (${describeByteLength(lens.byteLength ?? 0)}, click to reveal)`
        : lens.kind === 'binary'
          ? `binary value (${describeByteLength(lens.byteLength ?? 0)}, not UTF-8 text)`
          : `invalid base64: ${lens.invalidReason ?? 'not decodable'}`;
    out.push({ range: lens.range, command: { title: summary, command: SECRET_COMMANDS.toggleReveal, arguments: args } });
    if (lens.kind !== 'text') continue;
    out.push({ range: lens.range, command: { title: 'copy', command: SECRET_COMMANDS.copyDecoded, arguments: args } });
    out.push({ range: lens.range, command: { title: 'edit decoded', command: SECRET_COMMANDS.editDecoded, arguments: args } });
  }
  return out;
}
