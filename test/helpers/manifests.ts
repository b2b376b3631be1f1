// Manifest text builders shared by the unit tests: one shape, so fixtures differ only where a test needs them to.

export interface StatefulSetYamlOptions {
  /** metadata.name (default "db"). */
  name?: string;
  /** metadata.namespace; the line is left out when absent. */
  namespace?: string;
  /** spec.serviceName (default "db"). */
  serviceName?: string;
  /** Lines placed in spec before selector (replicas, policies, ...), each ending in a newline. */
  specExtra?: string;
  /** Text right after the one container's image line: more container fields, then spec fields such as volumeClaimTemplates. */
  tail?: string;
}

/** A StatefulSet with one container `db` (postgres:16) whose pods are labelled app: db. */
export const statefulSetYaml = (o: StatefulSetYamlOptions = {}): string => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${o.name ?? 'db'}
${o.namespace ? `  namespace: ${o.namespace}\n` : ''}spec:
  serviceName: ${o.serviceName ?? 'db'}
${o.specExtra ?? ''}  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: db
          image: postgres:16
${o.tail ?? ''}`;

/** One volumeClaimTemplates item (ReadWriteOnce, 1Gi); `specExtra` lines go into its spec before resources. */
export const volumeClaimTemplateYaml = (name: string, specExtra = ''): string => `    - metadata:
        name: ${name}
      spec:
        accessModes: ["ReadWriteOnce"]
${specExtra}        resources:
          requests:
            storage: 1Gi
`;
