// podManagementPolicy: Parallel creates and deletes pods all at once. For systems that keep a
// quorum (etcd, ZooKeeper, Consul, Kafka KRaft, ...), deleting several members at once on a
// scale-down can lose the majority, and members joining concurrently race membership changes.
// Some clusters need Parallel to bootstrap, so this is information, not a warning.
//
// "Looks quorum-based" is a heuristic (documented in docs/rules/sts-parallel-with-quorum.md):
// an image whose name is a well-known consensus system, or a command/args/env mentioning a
// quorum setting (--initial-cluster, bootstrap-expect, ZOO_SERVERS, controller.quorum.voters, raft).
import { STATEFUL_SET } from '../kinds';
import { isScalar, type YAMLMap } from 'yaml';
import { containersOf, podSpecOf } from '../workspace/references';
import { items, scalarAt, seqAt, stringAt } from '../yaml/access';
import type { Rule } from './types';

/** Image names (last path segment, without tag or digest) of systems that elect a leader by majority. */
const QUORUM_IMAGES =
  /^(etcd|zookeeper|zk|consul|vault|kafka|cp-kafka|cp-zookeeper|cockroach|cockroachdb|nats|rabbitmq|mongo|mongodb|mongodb-server|cassandra|scylla|elasticsearch|opensearch|redis-sentinel|clickhouse-keeper|rqlite|tikv|pd|percona-xtradb-cluster|mariadb-galera|etcd-operator)$/;

/** Settings that only a quorum-based cluster has. */
const QUORUM_MARKERS = /initial-cluster|bootstrap-expect|ZOO_SERVERS|quorum[._-]?voters|QUORUM_VOTERS|--raft|raft[._-]|wsrep_cluster_address|discovery\.seed_hosts|cluster\.initial_master_nodes/i;

export const stsParallelWithQuorum: Rule = {
  id: 'sts-parallel-with-quorum',
  description: 'Parallel pod management on a StatefulSet that looks quorum-based (etcd, ZooKeeper, Consul, Kafka, ...).',
  defaultSeverity: 'info',
  judges: 'meaning',
  kinds: [STATEFUL_SET],
  check(ctx) {
    const policy = scalarAt(ctx.resource.root, ['spec', 'podManagementPolicy']);
    if (!policy || policy.value !== 'Parallel') return;
    const replicas = scalarAt(ctx.resource.root, ['spec', 'replicas'])?.value;
    if (typeof replicas === 'number' && replicas < 2) return;
    const reason = quorumEvidence(containersOf(podSpecOf(ctx.resource)));
    if (!reason) return;
    ctx.report({
      node: policy,
      message: `podManagementPolicy: Parallel creates and deletes pods all at once, and this looks quorum-based (${reason}): scaling down by several replicas at once can lose the majority, and members joining together race membership changes; prefer OrderedReady, or change replicas one at a time`,
      data: { reason },
    });
  },
};

function quorumEvidence(containers: YAMLMap[]): string | undefined {
  for (const container of containers) {
    const image = stringAt(container, ['image']);
    const name = image && imageName(image);
    if (name && QUORUM_IMAGES.test(name)) return `image ${image}`;
  }
  for (const container of containers) {
    const texts: string[] = [];
    for (const field of ['command', 'args']) for (const arg of items(seqAt(container, [field]))) if (isScalar(arg)) texts.push(String(arg.value));
    for (const env of items(seqAt(container, ['env']))) {
      const name = stringAt(env, ['name']);
      if (name) texts.push(name);
      const value = stringAt(env, ['value']);
      if (value) texts.push(value);
    }
    const hit = texts.map((t) => QUORUM_MARKERS.exec(t)?.[0]).find(Boolean);
    if (hit) return `it sets ${hit}`;
  }
  return undefined;
}

/** `quay.io/coreos/etcd:v3.5.9@sha256:...` -> `etcd`. */
export function imageName(image: string): string {
  const withoutDigest = image.split('@')[0];
  const last = withoutDigest.split('/').pop() ?? '';
  return last.split(':')[0].toLowerCase();
}
