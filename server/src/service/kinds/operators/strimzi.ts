// Strimzi (kafka.strimzi.io): a `Kafka` cluster makes its bootstrap and broker Services and its CA
// Secrets; `KafkaNodePool`s, `KafkaUser`s and `KafkaTopic`s name their cluster with the
// `strimzi.io/cluster` label; a `KafkaUser` makes a Secret of its own name with its credentials.
// Written from the Strimzi documentation ("Deploying and Managing": listeners, security, storage).
import { CONFIG_MAP, SECRET, SERVICE, STORAGE_CLASS } from '../keys';
import type { KindDescriptor, KindKey, MadeService, ReferenceSite } from '../types';

const GROUP = 'kafka.strimzi.io';
export const KAFKA: KindKey = { group: GROUP, kind: 'Kafka' };

/** Node pools, users, topics and connectors name their Kafka cluster with this label. */
const CLUSTER_LABEL: ReferenceSite = { at: 'metadata.labels', name: 'strimzi.io/cluster', target: KAFKA, via: 'strimzi.io/cluster' };

/** Persistent storage (`type: persistent-claim`, or each volume of `type: jbod`) names its class in `class`. */
function storageClasses(storage: string): ReferenceSite[] {
  return [
    { at: storage, name: 'class', target: STORAGE_CLASS, via: 'storage.class' },
    { at: `${storage}.volumes[]`, name: 'class', target: STORAGE_CLASS, via: 'storage.class' },
  ];
}

function metricsConfig(component: string): ReferenceSite {
  return { at: `spec.${component}.metricsConfig.valueFrom.configMapKeyRef`, name: 'name', key: 'key', target: CONFIG_MAP, via: 'metricsConfig' };
}

/**
 * The ports of the cluster's own Services: inter-broker replication (9091) on both, the control plane
 * (9090) on the brokers' headless Service, and one `tcp-<listener>` port per `internal` listener at the
 * listener's port (other listener types get Services of their own, `<cluster>-kafka-<listener>-bootstrap`).
 */
const INTERNAL_LISTENERS: MadeService['portsPerItem'] = { list: 'spec.kafka.listeners[]', name: 'tcp-{name}', port: 'port', when: { key: 'type', values: ['internal'] } };
const REPLICATION = { name: 'tcp-replication', port: 9091 };
const CONTROL_PLANE = { name: 'tcp-ctrlplane', port: 9090 };
const ZOOKEEPER_CLIENTS = { name: 'tcp-clients', port: 2181 };

export const STRIMZI_KAFKA: KindDescriptor = {
  group: GROUP,
  kind: 'Kafka',
  scope: 'Namespaced',
  references: [
    ...storageClasses('spec.kafka.storage'),
    ...storageClasses('spec.zookeeper.storage'),
    { at: 'spec.kafka.listeners[].configuration.brokerCertChainAndKey', name: 'secretName', target: SECRET, via: 'brokerCertChainAndKey' },
    { at: 'spec.kafka.template.pod.imagePullSecrets[]', name: 'name', target: SECRET, via: 'imagePullSecret' },
    metricsConfig('kafka'),
    metricsConfig('zookeeper'),
  ],
  makes: [
    { kind: SERVICE, name: '{name}-kafka-bootstrap', role: 'bootstrap Service for clients', service: { headless: false, ports: [REPLICATION], portsPerItem: INTERNAL_LISTENERS } },
    { kind: SERVICE, name: '{name}-kafka-brokers', role: 'headless Service of the brokers', service: { headless: true, ports: [CONTROL_PLANE, REPLICATION], portsPerItem: INTERNAL_LISTENERS } },
    { kind: SERVICE, name: '{name}-zookeeper-client', role: 'ZooKeeper client Service', when: 'spec.zookeeper', service: { headless: false, ports: [ZOOKEEPER_CLIENTS] } },
    {
      kind: SERVICE,
      name: '{name}-zookeeper-nodes',
      role: 'headless Service of the ZooKeeper nodes',
      when: 'spec.zookeeper',
      service: { headless: true, ports: [ZOOKEEPER_CLIENTS, { name: 'tcp-clustering', port: 2888 }, { name: 'tcp-election', port: 3888 }] },
    },
    { kind: SECRET, name: '{name}-cluster-ca-cert', role: 'cluster CA certificate (clients trust it)' },
    { kind: SECRET, name: '{name}-cluster-ca', role: 'cluster CA private key' },
    { kind: SECRET, name: '{name}-clients-ca-cert', role: 'clients CA certificate' },
    { kind: SECRET, name: '{name}-clients-ca', role: 'clients CA private key' },
    { kind: SECRET, name: '{name}-kafka-brokers', role: 'broker certificates' },
  ],
  // Without node pools; with them, pods are `<cluster>-<pool>-<id>` (ids the operator assigns).
  pods: {
    replicas: 'spec.kafka.replicas',
    defaultReplicas: 1,
    firstOrdinal: 0,
    name: '{name}-kafka-{ordinal}',
    claims: [{ name: 'data-{name}-kafka-{ordinal}', when: 'spec.kafka.storage.size' }],
  },
  schema: 'none',
};

export const STRIMZI_KAFKA_NODE_POOL: KindDescriptor = {
  group: GROUP,
  kind: 'KafkaNodePool',
  scope: 'Namespaced',
  references: [CLUSTER_LABEL, ...storageClasses('spec.storage')],
  schema: 'none',
};

export const STRIMZI_KAFKA_USER: KindDescriptor = {
  group: GROUP,
  kind: 'KafkaUser',
  scope: 'Namespaced',
  references: [CLUSTER_LABEL],
  makes: [{ kind: SECRET, name: '{name}', role: "the user's credentials" }],
  schema: 'none',
};

export const STRIMZI_KAFKA_TOPIC: KindDescriptor = {
  group: GROUP,
  kind: 'KafkaTopic',
  scope: 'Namespaced',
  references: [CLUSTER_LABEL],
  schema: 'none',
};
