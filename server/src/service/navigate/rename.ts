// Rename across the workspace: a ConfigMap, Secret, PVC, StorageClass or Service with every
// reference to it, a ConfigMap/Secret key with every keyed reference, a volume with its mounts.
// Within the renamed object's scope (docs/scopes.md): the definition under the cursor (or the one a
// reference there resolves to, nearest first) and the references that resolve to it, so a dev/prod
// copy of the app or an unrelated app using the same name is left alone.
// Each edit replaces exactly one scalar's source text (keeping its quoting style, quoting a plain
// scalar when YAML 1.1 would read the new text as something else), so comments and layout stay.
import { descriptorById, isClusterScoped, isClusterScopedTarget, kindNameOf } from '../kinds';
import { parseDocument, Scalar } from 'yaml';
import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { rangeOf } from '../parse/positions';
import { volumesOf } from '../workspace/references';
import { sameGenerator } from '../scope/model';
import { describeSymbol, nearestOf, occurrences, scopeDistance, symbolAt, type NavigationContext, type NavSymbol, type Occurrence } from './symbols';

export type PrepareRenameResult = { range: Range; placeholder: string } | { error: string };
export type RenameResult = { edit: WorkspaceEdit } | { error: string };

const WHAT_RENAMES =
  'rename works on the names of ConfigMaps, Secrets, PersistentVolumeClaims, StorageClasses and Services, on ConfigMap/Secret keys and on volume names (and on every reference to them)';

export function prepareRename(ctx: NavigationContext, uri: string, offset: number): PrepareRenameResult {
  const checked = checkRenamable(ctx, uri, offset);
  if ('error' in checked) return checked;
  const file = ctx.documents.parsed(uri)!;
  const [start, end] = checked.span ?? checked.at.range!;
  return { range: rangeOf(file.lineCounter, file.text, start, end), placeholder: checked.span ? file.text.slice(start, end) : String(checked.at.value) };
}

export function rename(ctx: NavigationContext, uri: string, offset: number, newName: string): RenameResult {
  const checked = checkRenamable(ctx, uri, offset);
  if ('error' in checked) return checked;
  const { symbol, found } = checked;
  const invalid = validateNewName(symbol, newName);
  if (invalid) return { error: invalid };
  const clash = collision(ctx, symbol, newName, found);
  if (clash) return { error: clash };
  const changes: Record<string, TextEdit[]> = {};
  for (const occurrence of found) {
    const [start, end] = occurrence.span ?? occurrence.node.range!;
    (changes[occurrence.uri] ??= []).push({
      range: rangeOf(occurrence.file.lineCounter, occurrence.file.text, start, end),
      // Part of a scalar (a generator literal's key): key characters need no quoting or escaping.
      newText: occurrence.span ? newName : scalarSource(occurrence.node, newName),
    });
  }
  return { edit: { changes } };
}

function checkRenamable(ctx: NavigationContext, uri: string, offset: number): { symbol: NavSymbol; at: Scalar; span?: [number, number]; found: Occurrence[] } | { error: string } {
  const at = symbolAt(ctx, uri, offset);
  if (!at) return { error: `Nothing to rename here: ${WHAT_RENAMES}.` };
  const { symbol } = at;
  const all = occurrences(ctx, symbol);
  const what = describeSymbol(symbol);
  if (!all.some((o) => o.declaration)) {
    return { error: `${what} is not defined in the workspace, so its definition cannot be renamed with it; rename the definition first.` };
  }
  const found = inScopeOf(ctx, uri, at.node, all);
  const declarations = found.filter((o) => o.declaration);
  if (declarations.length === 0) {
    return { error: `${what} is not defined in the scope of ${uri} (docs/scopes.md), so its definition cannot be renamed with it; rename it where it is defined.` };
  }
  const made = declarations.find((o) => o.madeBy);
  if (made?.madeBy) {
    return { error: `${describeSymbol(symbol)} is made by ${made.madeBy.kind} "${made.madeBy.name}" from its name; rename the ${made.madeBy.kind} and its users instead.` };
  }
  if (symbol.type === 'resource' && declarations.length > 1) {
    return { error: `${what} is defined ${declarations.length} times (${[...new Set(declarations.map((d) => d.uri))].join(', ')}); which one to rename is ambiguous.` };
  }
  if (symbol.type !== 'volume') {
    // A same-named resource elsewhere in scope plus a file that relies on the default namespace: which
    // one that file means depends on where it is applied (kubectl -n, kustomize), so do not guess.
    const kind = kindNameOf(symbol.kind);
    const home = declarations[0].uri;
    const others = ctx.index.ofKind(symbol.kind).filter((r) => r.name === symbol.name && r.namespace !== symbol.namespace && scopeDistance(ctx, home, r.uri) !== Infinity);
    const implicit = found.find((o) => o.resource.namespace === undefined && !isClusterScoped(o.resource.apiVersion, o.resource.kind));
    if (!isClusterScopedTarget(symbol.kind) && others.length > 0 && implicit) {
      return {
        error: `${kind} "${symbol.name}" also exists in namespace ${[...new Set(others.map((o) => o.namespace))].join(', ')}, and ${implicit.uri} does not say its namespace; rename is ambiguous (add metadata.namespace first).`,
      };
    }
  }
  for (const occurrence of found) {
    const type = occurrence.node.type;
    if (type === Scalar.BLOCK_FOLDED || type === Scalar.BLOCK_LITERAL || !occurrence.node.range) {
      return { error: `${what} is written as a block scalar in ${occurrence.uri}; rename it by hand.` };
    }
    if (occurrence.fixed) return { error: `Cannot rename ${what}: ${occurrence.fixed}.` };
  }
  return { symbol, at: at.node, ...(at.span ? { span: at.span } : {}), found };
}

/**
 * The occurrences that rename together: the definitions the cursor means (the nearest ones from the
 * definition under it, or from the reference under it) and every reference that resolves to one of them.
 */
function inScopeOf(ctx: NavigationContext, uri: string, node: Scalar, all: Occurrence[]): Occurrence[] {
  const declarations = all.filter((o) => o.declaration);
  // On a definition, it and those as near to it (two in one folder are ambiguous, reported by the caller).
  const on = declarations.find((o) => o.node === node);
  // On a generator entry, that generator (its kustomization file is not a referrer in its own scope).
  const chosen = new Set(on?.generated ? declarations.filter((o) => o.generated && sameGenerator(o.generated, on.generated!)) : nearestOf(ctx, on?.uri ?? uri, declarations));
  if (chosen.size === 0) return [];
  const resolvesHere = new Map<string, boolean>();
  return all.filter((o) => {
    if (o.declaration) return chosen.has(o);
    let here = resolvesHere.get(o.uri);
    if (here === undefined) resolvesHere.set(o.uri, (here = nearestOf(ctx, o.uri, declarations).some((d) => chosen.has(d))));
    return here;
  });
}

/** DNS-1123 subdomain (most object names), DNS-1035 label (Services), DNS-1123 label (volumes), ConfigMap key. */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DATA_KEY = /^[-._a-zA-Z0-9]+$/;

export function validateNewName(symbol: NavSymbol, name: string): string | undefined {
  if (symbol.type === 'key') {
    if (!DATA_KEY.test(name) || name.length > 253 || name === '.' || name === '..') {
      return `"${name}" is not a valid ${kindNameOf(symbol.kind)} key (letters, digits, '-', '_' and '.', at most 253 characters).`;
    }
    return undefined;
  }
  if (symbol.type === 'volume') {
    return DNS1123_LABEL.test(name) && name.length <= 63 ? undefined : `"${name}" is not a valid volume name (a DNS-1123 label: lowercase letters, digits and '-', at most 63 characters).`;
  }
  if (descriptorById(symbol.kind)?.nameFormat === 'dns-1035-label') {
    return DNS1035_LABEL.test(name) && name.length <= 63 ? undefined : `"${name}" is not a valid Service name (a DNS-1035 label: lowercase letters, digits and '-', starting with a letter, at most 63 characters).`;
  }
  return DNS1123_SUBDOMAIN.test(name) && name.length <= 253 ? undefined : `"${name}" is not a valid ${kindNameOf(symbol.kind)} name (a DNS-1123 subdomain: lowercase letters, digits, '-' and '.').`;
}

function collision(ctx: NavigationContext, symbol: NavSymbol, newName: string, found: Occurrence[]): string | undefined {
  const home = found.find((o) => o.declaration)!;
  switch (symbol.type) {
    case 'resource': {
      // Only a resource the renamed references could then resolve to clashes: one in their scope.
      const taken = ctx.index.find(symbol.kind, newName, symbol.namespace).filter((r) => found.some((o) => scopeDistance(ctx, o.uri, r.uri) !== Infinity));
      // A generator making the new name in the application of a renamed reference clashes too.
      const generated = occurrences(ctx, { ...symbol, name: newName }).filter((o) => o.generated && found.some((f) => nearestOf(ctx, f.uri, [o]).length > 0));
      if (newName !== symbol.name && (taken.length > 0 || generated.length > 0)) {
        return `${kindNameOf(symbol.kind)} "${newName}" already exists${symbol.namespace ? ` in namespace ${symbol.namespace}` : ''}.`;
      }
      return undefined;
    }
    case 'key': {
      if (newName === symbol.key) return undefined;
      const sameOwner = (o: Occurrence) => (o.generated && home.generated ? sameGenerator(o.generated, home.generated) : o.resource === home.resource);
      const owners = occurrences(ctx, { ...symbol, key: newName }).filter((o) => o.declaration && !o.fixed && sameOwner(o));
      return owners.length > 0 ? `${kindNameOf(symbol.kind)} "${symbol.name}" already has a key "${newName}".` : undefined;
    }
    case 'volume':
      return newName !== symbol.name && volumesOf(symbol.resource).some((v) => v.name === newName) ? `a volume "${newName}" already exists in this pod.` : undefined;
  }
}

/** The source text for `value` in place of `node`, in the same quoting style, quoted when plain text would change meaning. */
export function scalarSource(node: Scalar, value: string): string {
  if (node.type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  if (node.type === Scalar.QUOTE_DOUBLE || !plainIsSafe(value)) return JSON.stringify(value);
  return value;
}

/** Whether `value` written plain reads back as the same string under YAML 1.1, in block and flow context. */
function plainIsSafe(value: string): boolean {
  if (value === '' || /[\s,[\]{}#&*!|>'"%@`:]/.test(value) || value.startsWith('-') || value.startsWith('?')) return false;
  const block = parseDocument(`k: ${value}\n`, { version: '1.1' });
  if (block.errors.length > 0 || block.get('k') !== value) return false;
  const flow = parseDocument(`[${value}]\n`, { version: '1.1' });
  return flow.errors.length === 0 && (flow.toJS() as unknown[])[0] === value;
}
