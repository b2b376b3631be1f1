// Generates the benchmark manifest: N stateful apps, each a headless Service, a ConfigMap, a Secret,
// a PVC and a StatefulSet (5 resources, 91 lines), with schema errors planted at known lines.
//
// The apps are otherwise clean for the stateful rules (headless Service named by serviceName,
// selector = template labels, anti-affinity, claim templates mounted…), so anything reported
// off the planted lines counts as an unexpected diagnostic.
//
// Every 5th app carries one planted error; the kind of error cycles through PLANTED_KINDS.
// All of them are plain JSON Schema violations (type, enum, additionalProperties, required,
// anyOf) that any schema-driven validator given the same schemas must find, except
// `secret-not-base64`, which needs the `byte` format (base64) that only some validators check.

export type PlantedKind =
  | 'replicas-not-integer'
  | 'unknown-field'
  | 'enum-pod-management'
  | 'enum-access-mode'
  | 'container-missing-name'
  | 'target-port-bool'
  | 'secret-not-base64';

export const PLANTED_KINDS: PlantedKind[] = [
  'replicas-not-integer',
  'unknown-field',
  'enum-pod-management',
  'enum-access-mode',
  'container-missing-name',
  'target-port-bool',
  'secret-not-base64',
];

/** Planted errors a validator can only find if it checks the `byte` (base64) format. */
export const FORMAT_ONLY: ReadonlySet<PlantedKind> = new Set(['secret-not-base64']);

export interface Planted {
  /** 0-based line the diagnostic must start on. */
  line: number;
  kind: PlantedKind;
  app: number;
}

export interface Manifest {
  text: string;
  lines: number;
  resources: number;
  planted: Planted[];
  /** Per app: 0-based lines of interesting spots, for edits, completion and hover. */
  apps: AppLines[];
}

export interface AppLines {
  /** `          image: postgres:16` (container image, a safe line to edit). */
  image: number;
  /** `  serviceName: app-0001` inside the StatefulSet spec (hover on the key). */
  serviceName: number;
  /** `  replicas: 3` inside the StatefulSet spec (completion at the key column: spec keys). */
  replicas: number;
}

export const IMAGE_PREFIX = '          image: ';

export function appName(i: number): string {
  return `app-${String(i).padStart(4, '0')}`;
}

/** The error planted in app i, if any. */
export function plantedIn(i: number): PlantedKind | undefined {
  if (i % 5 !== 2) return undefined;
  return PLANTED_KINDS[Math.floor(i / 5) % PLANTED_KINDS.length];
}

export function generateApp(i: number, planted: PlantedKind | undefined): { lines: string[]; marks: Record<string, number> } {
  const name = appName(i);
  const lines: string[] = [];
  const marks: Record<string, number> = {};
  const add = (line: string, mark?: string) => {
    if (mark) marks[mark] = lines.length;
    lines.push(line);
  };
  add('apiVersion: v1');
  add('kind: Service');
  add('metadata:');
  add(`  name: ${name}`);
  add('spec:');
  add('  clusterIP: None');
  add('  selector:');
  add(`    app: ${name}`);
  add('  ports:');
  add('    - name: db');
  add('      port: 5432');
  add(planted === 'target-port-bool' ? '      targetPort: true' : '      targetPort: 5432', planted === 'target-port-bool' ? 'planted' : undefined);
  add('---');
  add('apiVersion: v1');
  add('kind: ConfigMap');
  add('metadata:');
  add(`  name: ${name}-config`);
  add('data:');
  add('  max_connections: "100"');
  add('  LOG_LEVEL: info');
  add('---');
  add('apiVersion: v1');
  add('kind: Secret');
  add('metadata:');
  add(`  name: ${name}-secret`);
  add('type: Opaque');
  add('data:');
  add(planted === 'secret-not-base64' ? '  password: not base64!' : '  password: czNjcjN0LXBhc3N3b3Jk', planted === 'secret-not-base64' ? 'planted' : undefined);
  add('---');
  add('apiVersion: v1');
  add('kind: PersistentVolumeClaim');
  add('metadata:');
  add(`  name: ${name}-backup`);
  add('spec:');
  add('  accessModes:');
  add(planted === 'enum-access-mode' ? '    - ReadWriteSometimes' : '    - ReadWriteOnce', planted === 'enum-access-mode' ? 'planted' : undefined);
  add('  resources:');
  add('    requests:');
  add('      storage: 10Gi');
  add('---');
  add('apiVersion: apps/v1');
  add('kind: StatefulSet');
  add('metadata:');
  add(`  name: ${name}`);
  add('spec:');
  add(`  serviceName: ${name}`, 'serviceName');
  add(planted === 'replicas-not-integer' ? '  replicas: three' : '  replicas: 3', planted === 'replicas-not-integer' ? 'planted' : 'replicas');
  if (planted === 'replicas-not-integer') marks.replicas = marks.planted;
  add(planted === 'enum-pod-management' ? '  podManagementPolicy: Sequential' : '  podManagementPolicy: OrderedReady', planted === 'enum-pod-management' ? 'planted' : undefined);
  add('  selector:');
  add('    matchLabels:');
  add(`      app: ${name}`);
  add('  template:');
  add('    metadata:');
  add('      labels:');
  add(`        app: ${name}`);
  add('    spec:');
  add(planted === 'unknown-field' ? '      terminationGracePeriodSecond: 30' : '      terminationGracePeriodSeconds: 30', planted === 'unknown-field' ? 'planted' : undefined);
  add('      affinity:');
  add('        podAntiAffinity:');
  add('          preferredDuringSchedulingIgnoredDuringExecution:');
  add('            - weight: 100');
  add('              podAffinityTerm:');
  add('                topologyKey: kubernetes.io/hostname');
  add('                labelSelector:');
  add('                  matchLabels:');
  add(`                    app: ${name}`);
  add('      containers:');
  if (planted === 'container-missing-name') {
    add('        - image: postgres:16', 'planted');
    marks.image = marks.planted;
  } else {
    add('        - name: postgres');
    add(`${IMAGE_PREFIX}postgres:16`, 'image');
  }
  add('          env:');
  add('            - name: POSTGRES_PASSWORD');
  add('              valueFrom:');
  add('                secretKeyRef:');
  add(`                  name: ${name}-secret`);
  add('                  key: password');
  add('          envFrom:');
  add('            - configMapRef:');
  add(`                name: ${name}-config`);
  add('          volumeMounts:');
  add('            - name: data');
  add('              mountPath: /var/lib/postgresql/data');
  add('            - name: config');
  add('              mountPath: /etc/postgresql');
  add('            - name: backup');
  add('              mountPath: /backup');
  add('      volumes:');
  add('        - name: config');
  add('          configMap:');
  add(`            name: ${name}-config`);
  add('        - name: backup');
  add('          persistentVolumeClaim:');
  add(`            claimName: ${name}-backup`);
  add('  volumeClaimTemplates:');
  add('    - metadata:');
  add('        name: data');
  add('      spec:');
  add('        accessModes: [ReadWriteOnce]');
  add('        resources:');
  add('          requests:');
  add('            storage: 20Gi');
  return { lines, marks };
}

/** One multi-document file holding apps [from, from + count). */
export function generateManifest(count: number, from = 0): Manifest {
  const all: string[] = [];
  const planted: Planted[] = [];
  const apps: AppLines[] = [];
  for (let i = from; i < from + count; i++) {
    if (all.length > 0) all.push('---');
    const kind = plantedIn(i);
    const { lines, marks } = generateApp(i, kind);
    const base = all.length;
    if (kind) planted.push({ line: base + marks.planted, kind, app: i });
    apps.push({ image: base + marks.image, serviceName: base + marks.serviceName, replicas: base + marks.replicas });
    all.push(...lines);
  }
  const text = all.join('\n') + '\n';
  return { text, lines: all.length, resources: count * 5, planted, apps };
}
