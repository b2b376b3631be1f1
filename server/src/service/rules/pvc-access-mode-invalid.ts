// Access modes the API server rejects (none at all; ReadWriteOncePod mixed with others), and the
// certain cases where a volume cannot honour ReadWriteMany: node-local PVs (hostPath, local) and
// claims whose class provisions block disks that attach to one node at a time.
import { CLAIM, isKind, kindId, PERSISTENT_VOLUME, STATEFUL_SET, STORAGE_CLASS } from '../kinds';
import { isScalar, type Node } from 'yaml';
import { claimsOf } from '../kinds/claims';
import { accessModes } from '../k8s/storage';
import { mapAt, nodeAt, seqAt, stringAt } from '../yaml/access';
import type { Rule, RuleContext } from './types';

/** Provisioners of block disks that attach to a single node (no ReadWriteMany in Filesystem mode). */
const SINGLE_NODE_PROVISIONERS = new Set([
  'kubernetes.io/aws-ebs', 'ebs.csi.aws.com', 'kubernetes.io/gce-pd', 'pd.csi.storage.gke.io', 'kubernetes.io/azure-disk',
  'disk.csi.azure.com', 'kubernetes.io/cinder', 'cinder.csi.openstack.org', 'rancher.io/local-path', 'kubernetes.io/host-path',
  'hostpath.csi.k8s.io', 'dobs.csi.digitalocean.com',
]);

export const pvcAccessModeInvalid: Rule = {
  id: 'pvc-access-mode-invalid',
  description: 'Access modes the API server rejects, or ReadWriteMany on a volume that lives on one node.',
  defaultSeverity: 'error',
  judges: 'meaning',
  kinds: [CLAIM, STATEFUL_SET, PERSISTENT_VOLUME],
  check(ctx) {
    if (isKind(ctx.resource, PERSISTENT_VOLUME)) {
      const spec = mapAt(ctx.resource.root, ['spec']);
      if (!spec) return;
      checkModes(ctx, spec, 'a PersistentVolume');
      const source = ['hostPath', 'local'].find((key) => nodeAt(spec, [key]) !== undefined);
      const shared = sharedModes(spec).filter((n) => valueOf(n) === 'ReadWriteMany');
      if (source && shared.length) {
        ctx.report({
          node: shared[0],
          message: `a ${source} volume lives on one node's disk; ReadWriteMany cannot be honoured: pods on other nodes write to a different directory (use ReadWriteOnce)`,
          severity: 'warning',
        });
      }
      return;
    }
    for (const claim of claimsOf(ctx.resource)) {
      checkModes(ctx, claim.spec, claim.statefulSet !== undefined ? `volumeClaimTemplate "${claim.name}"` : 'a PersistentVolumeClaim');
      const className = stringAt(claim.spec, ['storageClassName']);
      const storageClass = className ? ctx.index.find(kindId(STORAGE_CLASS), className, '')[0] : undefined;
      const provisioner = storageClass?.facts.storageClass?.provisioner;
      const rwx = sharedModes(claim.spec).filter((n) => valueOf(n) === 'ReadWriteMany');
      if (provisioner && SINGLE_NODE_PROVISIONERS.has(provisioner) && rwx.length && (stringAt(claim.spec, ['volumeMode']) ?? 'Filesystem') === 'Filesystem') {
        ctx.report({
          node: rwx[0],
          message: `StorageClass "${className}" provisions ${provisioner} volumes, which attach to one node at a time; ReadWriteMany cannot be provisioned (use ReadWriteOnce, or a shared file system class)`,
          severity: 'warning',
        });
      }
    }
  },
};

function checkModes(ctx: RuleContext, spec: import('yaml').YAMLMap, what: string): void {
  const seq = seqAt(spec, ['accessModes']);
  const modes = accessModes(spec);
  if (modes.length === 0) {
    const anchor = keyOf(spec, 'accessModes') ?? keyOf(spec, 'resources') ?? spec;
    ctx.report({ node: anchor, message: `${what} needs at least one access mode (accessModes: [ReadWriteOnce] for a volume used by one node)` });
    return;
  }
  if (modes.includes('ReadWriteOncePod') && modes.length > 1 && seq) {
    const node = seq.items.find((n) => isScalar(n) && n.value === 'ReadWriteOncePod') as Node;
    ctx.report({ node, message: 'ReadWriteOncePod cannot be combined with other access modes; the API server rejects the list' });
  }
}

function sharedModes(spec: Node): Node[] {
  const seq = seqAt(spec, ['accessModes']);
  return (seq?.items ?? []).filter((n) => isScalar(n) && (n.value === 'ReadWriteMany' || n.value === 'ReadOnlyMany')) as Node[];
}

function valueOf(node: Node): string {
  return isScalar(node) ? String(node.value) : '';
}

function keyOf(map: import('yaml').YAMLMap, key: string): Node | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key)?.key as Node | undefined;
}
