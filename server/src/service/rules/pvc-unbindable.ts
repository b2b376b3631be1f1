// A claim that can only bind to a pre-created PersistentVolume, when no PV in the workspace can take it.
//
// A claim needs a pre-created PV when it names one (volumeName), asks for no class (storageClassName: ""),
// has a selector (dynamic provisioning ignores selectors), its class has no provisioner
// (kubernetes.io/no-provisioner), or its class is no StorageClass but a name only PVs carry ("manual"). Otherwise a provisioner may create the volume: quiet. Quiet too when
// the workspace defines no PV at all (they may be created elsewhere). A PV can bind when it has the
// claim's class, every requested access mode, enough capacity, the same volumeMode, labels matching the
// selector, and no claimRef to another claim. The message explains the closest PV's failing conditions.
import { CLAIM, kindId, PERSISTENT_VOLUME, STATEFUL_SET, STORAGE_CLASS } from '../kinds';
import type { Node } from 'yaml';
import { compareQuantities, formatBytes, parseQuantity, type Quantity } from '../k8s/quantity';
import { claimsOf, type Claim } from '../kinds/claims';
import { NO_PROVISIONER, accessModes, describeSelector, selectorMatches } from '../k8s/storage';
import { defaultClasses, volumeOffer, type VolumeOffer } from '../workspace/storage';
import { mapAt, nodeAt, scalarAt, stringAt } from '../yaml/access';
import { missingReferenceSeverity } from './references';
import type { Rule, RuleContext } from './types';

const KNOWN_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];

export const pvcUnbindable: Rule = {
  id: 'pvc-unbindable',
  description: 'A claim that needs a pre-created PersistentVolume (volumeName, selector, storageClassName "", or a class without provisioner) that no PV in the workspace satisfies.',
  defaultSeverity: 'warning',
  judges: 'meaning',
  kinds: [CLAIM, STATEFUL_SET],
  check(ctx) {
    const volumes = ctx.index.ofKind(kindId(PERSISTENT_VOLUME));
    if (volumes.length === 0) return;
    for (const claim of claimsOf(ctx.resource)) checkClaim(ctx, claim, volumes.map(volumeOffer));
  },
};

interface StaticReason {
  why: string;
  node: Node;
  /** Only inferred from other PVs' class names: the class (or a fitting PV) may come from the cluster, so a hint. */
  inferred?: boolean;
}

function checkClaim(ctx: RuleContext, claim: Claim, offers: VolumeOffer[]): void {
  const spec = claim.spec;
  const classNode = scalarAt(spec, ['storageClassName']);
  const className = classNode && classNode.value !== null ? String(classNode.value) : undefined;
  const selector = mapAt(spec, ['selector']);
  const volumeName = stringAt(spec, ['volumeName']);
  const defaults = defaultClasses(ctx.index);
  // A claim without a class gets the default class at admission; with none known, the class is unknown.
  const effectiveClass = className ?? (defaults.length === 1 ? defaults[0].name : undefined);
  const storageClass = effectiveClass ? ctx.index.find(kindId(STORAGE_CLASS), effectiveClass, '')[0] : undefined;

  let reason: StaticReason | undefined;
  if (volumeName !== undefined) reason = { why: `it names volumeName "${volumeName}"`, node: nodeAt(spec, ['volumeName'])! };
  else if (className === '') reason = { why: 'storageClassName "" asks for a pre-created volume without a class', node: classNode! };
  else if (selector) reason = { why: 'a claim with a selector is never provisioned dynamically', node: keyNode(spec, 'selector') ?? claim.anchor };
  else if (storageClass?.facts.storageClass?.provisioner === NO_PROVISIONER) {
    reason = { why: `StorageClass "${storageClass.name}" has no provisioner (${NO_PROVISIONER})`, node: classNode ?? claim.anchor };
  } else if (className && !storageClass && offers.some((o) => o.storageClassName === className)) {
    reason = { why: `class "${className}" is not a StorageClass in scope but a name PersistentVolumes carry, so nothing here provisions it`, node: classNode!, inferred: true };
  }
  if (!reason) return;

  const requestNode = scalarAt(spec, ['resources', 'requests', 'storage']);
  const request = requestNode && (typeof requestNode.value === 'string' || typeof requestNode.value === 'number') ? parseQuantity(requestNode.value) : undefined;
  const wanted = {
    className: effectiveClass,
    // An unknown mode is the schema's finding; comparing it here would only add a cascade.
    modes: accessModes(spec).filter((m) => KNOWN_MODES.includes(m)),
    request,
    volumeMode: stringAt(spec, ['volumeMode']) ?? 'Filesystem',
  };

  let candidates = offers;
  if (volumeName !== undefined) {
    candidates = offers.filter((o) => o.entry.name === volumeName);
    if (candidates.length === 0) {
      ctx.report({
        node: reason.node,
        message: `volumeName "${volumeName}" names no PersistentVolume in the workspace; the claim stays Pending until that volume exists`,
        // A reference to an object its scope does not define (docs/severity.md).
        severity: missingReferenceSeverity(ctx, undefined),
        data: { volumeName },
      });
      return;
    }
  }
  let closest: { offer: VolumeOffer; failures: string[] } | undefined;
  for (const offer of candidates) {
    const failures = conditionsFailed(ctx, claim, offer, wanted, selector);
    if (failures.length === 0) return;
    if (!closest || failures.length < closest.failures.length) closest = { offer, failures };
  }
  if (!closest) return;
  const which = volumeName !== undefined ? `PersistentVolume "${closest.offer.entry.name}"` : `no PersistentVolume in the workspace fits; the closest, "${closest.offer.entry.name}",`;
  ctx.report({
    node: reason.node,
    message: `this claim needs a pre-created volume (${reason.why}), but ${which} cannot bind it: ${closest.failures.join('; ')}`,
    ...(reason.inferred && !ctx.settings.references.strict ? { severity: 'hint' as const } : {}),
    data: { volume: closest.offer.entry.name, volumeUri: closest.offer.entry.uri },
  });
}

function conditionsFailed(
  ctx: RuleContext,
  claim: Claim,
  offer: VolumeOffer,
  wanted: { className?: string; modes: string[]; request?: Quantity; volumeMode: string },
  selector: ReturnType<typeof mapAt>,
): string[] {
  const failures: string[] = [];
  if (wanted.className !== undefined && offer.storageClassName !== wanted.className) {
    const has = offer.storageClassName ? `storageClassName "${offer.storageClassName}"` : 'no storageClassName';
    failures.push(`it has ${has}, the claim wants ${wanted.className ? `"${wanted.className}"` : 'none ("")'}`);
  }
  const missing = wanted.modes.filter((m) => !offer.accessModes.includes(m));
  if (missing.length) failures.push(`it offers access modes ${offer.accessModes.join(', ') || '(none)'}, not ${missing.join(', ')}`);
  if (wanted.request && offer.capacity && compareQuantities(offer.capacity, wanted.request) < 0) {
    failures.push(`its capacity ${offer.capacity.text} (${formatBytes(offer.capacity)}) is less than the requested ${wanted.request.text} (${formatBytes(wanted.request)})`);
  }
  if (offer.volumeMode !== wanted.volumeMode) failures.push(`its volumeMode is ${offer.volumeMode}, the claim's is ${wanted.volumeMode}`);
  if (selector && selectorMatches(selector, offer.entry.labels) === false) failures.push(`its labels do not match the selector ${describeSelector(selector)}`);
  const ref = offer.claimRef;
  if (ref?.name !== undefined && !claimRefMatches(ref, claim, ctx.namespace)) {
    failures.push(`its claimRef reserves it for claim ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`);
  }
  return failures;
}

function claimRefMatches(ref: { name?: string; namespace?: string }, claim: Claim, namespace: string): boolean {
  if (ref.namespace !== undefined && ref.namespace !== namespace) return false;
  if (claim.statefulSet === undefined) return ref.name === claim.name;
  const prefix = `${claim.name}-${claim.statefulSet}-`;
  return ref.name!.startsWith(prefix) && /^\d+$/.test(ref.name!.slice(prefix.length));
}

function keyNode(map: ReturnType<typeof mapAt>, key: string): Node | undefined {
  const pair = map?.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
  return (pair?.key as Node | undefined) ?? undefined;
}
