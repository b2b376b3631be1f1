// CloudNativePG (postgresql.cnpg.io): a `Cluster` runs PostgreSQL instances as pods `<name>-1`,
// `<name>-2`... each with its claim `<name>-<n>` (and `<name>-<n>-wal` with walStorage), and makes
// the Services applications connect to and the Secrets holding their credentials. Written from the
// operator's API reference (cloudnative-pg.io/documentation, "API Reference" and "Service management",
// "Connecting from an application").
import { CONFIG_MAP, SECRET, SERVICE, STORAGE_CLASS } from '../keys';
import type { KindDescriptor, ReferenceSite } from '../types';

const GROUP = 'postgresql.cnpg.io';

/** A `{ name, key }` selector of a Secret key (CNPG's SecretKeySelector). */
function secretKey(at: string, via: string): ReferenceSite {
  return { at, name: 'name', key: 'key', target: SECRET, via };
}

/** The Services CNPG makes are ClusterIP Services on PostgreSQL's port ("Service management"). */
const POSTGRES_SERVICE = { headless: false, ports: [{ name: 'postgres', port: 5432 }] };

export const CLOUDNATIVEPG_CLUSTER: KindDescriptor = {
  group: GROUP,
  kind: 'Cluster',
  scope: 'Namespaced',
  references: [
    { at: 'spec.storage', name: 'storageClass', target: STORAGE_CLASS, via: 'storage.storageClass' },
    { at: 'spec.walStorage', name: 'storageClass', target: STORAGE_CLASS, via: 'walStorage.storageClass' },
    { at: 'spec.superuserSecret', name: 'name', target: SECRET, via: 'superuserSecret' },
    { at: 'spec.bootstrap.initdb.secret', name: 'name', target: SECRET, via: 'bootstrap.initdb.secret' },
    { at: 'spec.bootstrap.recovery.secret', name: 'name', target: SECRET, via: 'bootstrap.recovery.secret' },
    { at: 'spec.imagePullSecrets[]', name: 'name', target: SECRET, via: 'imagePullSecret' },
    { at: 'spec.certificates', name: 'serverTLSSecret', target: SECRET, via: 'certificates.serverTLSSecret' },
    { at: 'spec.certificates', name: 'serverCASecret', target: SECRET, via: 'certificates.serverCASecret' },
    { at: 'spec.certificates', name: 'clientCASecret', target: SECRET, via: 'certificates.clientCASecret' },
    { at: 'spec.certificates', name: 'replicationTLSSecret', target: SECRET, via: 'certificates.replicationTLSSecret' },
    { at: 'spec.managed.roles[].passwordSecret', name: 'name', target: SECRET, via: 'managed.roles.passwordSecret' },
    secretKey('spec.backup.barmanObjectStore.s3Credentials.accessKeyId|secretAccessKey|region|sessionToken', 'backup.s3Credentials'),
    secretKey('spec.backup.barmanObjectStore.azureCredentials.connectionString|storageAccount|storageKey|storageSasToken', 'backup.azureCredentials'),
    secretKey('spec.backup.barmanObjectStore.googleCredentials.applicationCredentials', 'backup.googleCredentials'),
    secretKey('spec.externalClusters[].password|sslKey|sslCert|sslRootCert', 'externalClusters'),
    { at: 'spec.env[].valueFrom.configMapKeyRef', name: 'name', key: 'key', target: CONFIG_MAP, optional: true, via: 'configMapKeyRef' },
    { at: 'spec.env[].valueFrom.secretKeyRef', name: 'name', key: 'key', target: SECRET, optional: true, via: 'secretKeyRef' },
    { at: 'spec.envFrom[].configMapRef', name: 'name', target: CONFIG_MAP, optional: true, via: 'envFrom' },
    { at: 'spec.envFrom[].secretRef', name: 'name', target: SECRET, optional: true, via: 'envFrom' },
    { at: 'spec.monitoring.customQueriesConfigMap[]', name: 'name', key: 'key', target: CONFIG_MAP, via: 'monitoring.customQueriesConfigMap' },
    { at: 'spec.monitoring.customQueriesSecret[]', name: 'name', key: 'key', target: SECRET, via: 'monitoring.customQueriesSecret' },
  ],
  makes: [
    { kind: SERVICE, name: '{name}-rw', role: 'read-write Service (the primary)', service: POSTGRES_SERVICE },
    { kind: SERVICE, name: '{name}-ro', role: 'read-only Service (the replicas)', service: POSTGRES_SERVICE },
    { kind: SERVICE, name: '{name}-r', role: 'read Service (any instance)', service: POSTGRES_SERVICE },
    { kind: SECRET, name: '{name}-app', role: 'application user credentials' },
    { kind: SECRET, name: '{name}-superuser', role: 'superuser credentials (with enableSuperuserAccess: true)', when: 'spec.enableSuperuserAccess' },
    { kind: SECRET, name: '{name}-ca', role: 'CA certificate' },
    { kind: SECRET, name: '{name}-server', role: 'server TLS certificate' },
    { kind: SECRET, name: '{name}-replication', role: 'streaming replication client certificate' },
  ],
  pods: {
    replicas: 'spec.instances',
    defaultReplicas: 1,
    firstOrdinal: 1,
    name: '{name}-{ordinal}',
    claims: [{ name: '{name}-{ordinal}' }, { name: '{name}-{ordinal}-wal', when: 'spec.walStorage' }],
  },
  schema: 'none',
};
