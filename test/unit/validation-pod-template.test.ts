// pod-spec-invalid: what ValidatePodSpec rejects, in every workload kind, from the cases of the Go
// tests' tables (pkg/apis/core/validation/validation_test.go: TestValidateContainers, TestValidateEnv,
// TestValidateVolumeMounts, TestValidateProbe, TestValidatePodSpec...). Each rejected case marks the
// line of the mistake; the message names the kubectl field path.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnosticsFor, summarize } from '../helpers/service';
import { accepted, indent, rejected } from '../helpers/validationCases';

const deployment = (podSpec: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
${indent(podSpec, 6)}`;

const pod = (podSpec: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
${indent(podSpec, 2)}`;

const statefulSet = (podSpec: string) => `apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector:
    app: db
  ports:
    - name: pg
      port: 5432
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
${indent(podSpec, 6)}`;

const container = (extra = '') => `containers:
  - name: app
    image: nginx:1.27
${indent(extra, 4)}
`;

const P = 'spec.template.spec';

accepted('pod templates', [
  { name: 'a minimal Deployment', yaml: deployment(container()) },
  {
    name: 'named ports, env from every source, mounts, probes, resources',
    yaml: deployment(`volumes:
  - name: config
    configMap:
      name: app-config
      items:
        - key: app.conf
          path: conf/app.conf
          mode: 0644
  - name: scratch
  - name: cache
    emptyDir:
      sizeLimit: 1Gi
containers:
  - name: app
    image: nginx:1.27
    ports:
      - name: http
        containerPort: 8080
      - name: metrics-port-01
        containerPort: 9090
        protocol: TCP
    env:
      - name: PLAIN
        value: "1"
      - name: FROM_FIELD
        valueFrom:
          fieldRef:
            fieldPath: metadata.labels['app']
      - name: FROM_RESOURCE
        valueFrom:
          resourceFieldRef:
            resource: limits.memory
      - name: my.dotted-name
        value: x
    envFrom:
      - configMapRef:
          name: app-config
        prefix: APP_
    volumeMounts:
      - name: config
        mountPath: /etc/app
        subPath: conf
      - name: scratch
        mountPath: /tmp
      - name: cache
        mountPath: /cache
    livenessProbe:
      httpGet:
        path: /healthz
        port: http
      successThreshold: 1
    readinessProbe:
      tcpSocket:
        port: 8080
      successThreshold: 3
    startupProbe:
      grpc:
        port: 9090
    lifecycle:
      preStop:
        sleep:
          seconds: 5
    resources:
      requests:
        cpu: 250m
        memory: 512M
        ephemeral-storage: 500M
        example.com/gpu: 1
      limits:
        memory: 1Gi
        example.com/gpu: 1
    securityContext:
      allowPrivilegeEscalation: false
      runAsUser: 1000
      seccompProfile:
        type: RuntimeDefault
initContainers:
  - name: sidecar
    image: envoy:1
    restartPolicy: Always
    readinessProbe:
      exec:
        command: ["true"]
  - name: migrate
    image: migrate:1`),
  },
  {
    name: 'scheduling: tolerations, node affinity, pod anti-affinity, topology spread',
    yaml: deployment(`${container()}tolerations:
  - operator: Exists
  - key: dedicated
    operator: Equal
    value: db
    effect: NoExecute
    tolerationSeconds: 60
affinity:
  nodeAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      nodeSelectorTerms:
        - matchExpressions:
            - key: kubernetes.io/arch
              operator: In
              values: [amd64]
            - key: node.example.com/cores
              operator: Gt
              values: ["8"]
  podAntiAffinity:
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname
          labelSelector:
            matchLabels:
              app: web
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: DoNotSchedule
    minDomains: 2
    labelSelector:
      matchLabels:
        app: web
dnsPolicy: None
dnsConfig:
  nameservers: [10.0.0.10, "2001:db8::1"]
  searches: [svc.cluster.local]
hostAliases:
  - ip: 10.1.2.3
    hostnames: [db.local]
serviceAccountName: web-sa
nodeSelector:
  disktype: ssd`),
  },
  { name: 'a StatefulSet whose mounts name its claim templates', yaml: `${statefulSet(`${container(`volumeMounts:
  - name: data
    mountPath: /var/lib/data`)}`)}  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 1Gi
` },
  { name: 'hostNetwork with hostPort equal to containerPort', yaml: pod(`hostNetwork: true
containers:
  - name: app
    image: nginx
    ports:
      - containerPort: 80
        hostPort: 80`) },
  { name: 'a volume with no source (defaults to emptyDir)', yaml: pod(`volumes:
  - name: tmp
${container(`volumeMounts:
  - name: tmp
    mountPath: /tmp`)}`) },
  { name: 'env names with dots and dashes since 1.32', yaml: pod(container(`env:
  - name: "1-starts-with-digit"
    value: x`)) },
  { name: 'placeholders left for a substitution step', yaml: pod(`serviceAccountName: \${SA_NAME}
${container()}`) },
]);

rejected('pod templates', [
  { name: 'a container port name over 15 characters (StatefulSet)', path: `${P}.containers[0].ports[0].name`, code: 'pod-spec-invalid', message: /must be no more than 15 characters \(the API server accepts the StatefulSet, but its controller cannot create the pods\)/, yaml: statefulSet(container(`ports:
  - name: kafka-internal-port  # <-
    containerPort: 9092`)) },
  { name: 'a port name with a dot', path: `${P}.containers[0].ports[0].name`, yaml: deployment(container(`ports:
  - name: a.b  # <-
    containerPort: 80`)) },
  { name: 'a port name with no letter', path: `${P}.containers[0].ports[0].name`, yaml: deployment(container(`ports:
  - name: "123"  # <-
    containerPort: 80`)) },
  { name: 'a port name with consecutive hyphens', path: `${P}.containers[0].ports[0].name`, yaml: deployment(container(`ports:
  - name: a--b  # <-
    containerPort: 80`)) },
  { name: 'duplicate port names in a container', path: `${P}.containers[0].ports[1].name`, message: /Duplicate value: "http"/, yaml: deployment(container(`ports:
  - name: http
    containerPort: 80
  - name: http  # <-
    containerPort: 81`)) },
  { name: 'container port 0', path: `${P}.containers[0].ports[0].containerPort`, yaml: deployment(container(`ports:
  - containerPort: 0  # <-`)) },
  { name: 'container port 65536', path: `${P}.containers[0].ports[0].containerPort`, yaml: deployment(container(`ports:
  - containerPort: 65536  # <-`)) },
  { name: 'host port 65536', path: `${P}.containers[0].ports[0].hostPort`, yaml: deployment(container(`ports:
  - containerPort: 80
    hostPort: 65536  # <-`)) },
  { name: 'the same host port twice', path: `${P}.containers[1].ports[0].hostPort`, yaml: deployment(`containers:
  - name: a
    image: nginx
    ports:
      - containerPort: 80
        hostPort: 8080
  - name: b
    image: nginx
    ports:
      - containerPort: 81
        hostPort: 8080  # <-`) },
  { name: 'hostNetwork with a different hostPort', path: 'spec.containers[0].ports[0].hostPort', yaml: pod(`hostNetwork: true
containers:
  - name: app
    image: nginx
    ports:
      - containerPort: 80
        hostPort: 8080  # <-`) },
  { name: 'a container without a name', path: 'spec.containers[0].name', message: /Required value/, yaml: pod(`containers:
  - image: nginx  # <-`) },
  { name: 'a container name with uppercase', path: 'spec.containers[0].name', yaml: pod(`containers:
  - name: App  # <-
    image: nginx`) },
  { name: 'two containers with one name', path: 'spec.containers[1].name', yaml: pod(`containers:
  - name: app
    image: nginx
  - name: app  # <-
    image: nginx`) },
  { name: 'an init container named like a container', path: 'spec.containers[0].name', yaml: pod(`initContainers:
  - name: app
    image: busybox
containers:
  - name: app  # <-
    image: nginx`) },
  { name: 'a container without an image', path: 'spec.containers[0].image', yaml: pod(`containers:
  - name: app  # <-
    imagePullPolicy: Always`) },
  { name: 'no containers', path: 'spec.containers', yaml: pod(`containers: []  # <-`) },
  { name: 'an env var without a name', path: 'spec.containers[0].env[0].name', yaml: pod(container(`env:
  - value: x  # <-`)) },
  { name: 'an env var name with "=" (relaxed names since 1.32)', path: 'spec.containers[0].env[0].name', yaml: pod(container(`env:
  - name: A=B  # <-
    value: x`)) },
  { name: 'an env var name starting with a digit before 1.32', path: 'spec.containers[0].env[0].name', settings: { kubernetesVersion: '1.31' }, yaml: pod(container(`env:
  - name: 1ABC  # <-
    value: x`)) },
  { name: 'value and valueFrom together', path: 'spec.containers[0].env[0].valueFrom', yaml: pod(container(`env:
  - name: A
    value: x
    valueFrom:  # <-
      fieldRef:
        fieldPath: metadata.name`)) },
  { name: 'valueFrom with two sources', path: 'spec.containers[0].env[0].valueFrom.secretKeyRef', yaml: pod(container(`env:
  - name: A
    valueFrom:
      configMapKeyRef:
        name: c
        key: k
      secretKeyRef:  # <-
        name: s
        key: k`)) },
  { name: 'valueFrom with no source', path: 'spec.containers[0].env[0].valueFrom', yaml: pod(container(`env:
  - name: A
    valueFrom: {}  # <-`)) },
  { name: 'an unsupported fieldPath', path: 'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath', yaml: pod(container(`env:
  - name: A
    valueFrom:
      fieldRef:
        fieldPath: metadata.whoops  # <-`)) },
  { name: 'a configMapKeyRef without a key', path: 'spec.containers[0].env[0].valueFrom.configMapKeyRef.key', yaml: pod(container(`env:
  - name: A
    valueFrom:
      configMapKeyRef:  # <-
        name: c`)) },
  { name: 'a secretKeyRef with an invalid key', path: 'spec.containers[0].env[0].valueFrom.secretKeyRef.key', yaml: pod(container(`env:
  - name: A
    valueFrom:
      secretKeyRef:
        name: s
        key: a/b  # <-`)) },
  { name: 'an unsupported resourceFieldRef resource', path: 'spec.containers[0].env[0].valueFrom.resourceFieldRef.resource', yaml: pod(container(`env:
  - name: A
    valueFrom:
      resourceFieldRef:
        resource: limits.gpu  # <-`)) },
  { name: 'envFrom with both sources', path: 'spec.containers[0].envFrom[0].secretRef', yaml: pod(container(`envFrom:
  - configMapRef:
      name: c
    secretRef:  # <-
      name: s`)) },
  { name: 'a mount of an undeclared volume', path: `${P}.containers[0].volumeMounts[0].name`, message: /Not found: "data"/, yaml: deployment(container(`volumeMounts:
  - name: data  # <-
    mountPath: /data`)) },
  { name: 'the same mountPath twice', path: `${P}.containers[0].volumeMounts[1].mountPath`, message: /must be unique/, yaml: deployment(`volumes:
  - name: a
  - name: b
${container(`volumeMounts:
  - name: a
    mountPath: /data
  - name: b
    mountPath: /data  # <-`)}`) },
  { name: 'the same mountPath twice in a StatefulSet', path: `${P}.containers[0].volumeMounts[1].mountPath`, message: /controller cannot create the pods/, yaml: statefulSet(`volumes:
  - name: a
  - name: b
${container(`volumeMounts:
  - name: a
    mountPath: /data
  - name: b
    mountPath: /data  # <-`)}`) },
  { name: 'a mount without mountPath', path: 'spec.containers[0].volumeMounts[0].mountPath', yaml: pod(`volumes:
  - name: a
${container(`volumeMounts:
  - name: a  # <-`)}`) },
  { name: 'an absolute subPath', path: 'spec.containers[0].volumeMounts[0].subPath', yaml: pod(`volumes:
  - name: a
${container(`volumeMounts:
  - name: a
    mountPath: /data
    subPath: /etc  # <-`)}`) },
  { name: 'a subPath with ..', path: 'spec.containers[0].volumeMounts[0].subPath', yaml: pod(`volumes:
  - name: a
${container(`volumeMounts:
  - name: a
    mountPath: /data
    subPath: a/../../b  # <-`)}`) },
  { name: 'two volumes with one name', path: 'spec.volumes[1].name', yaml: pod(`volumes:
  - name: a
  - name: a  # <-
${container()}`) },
  { name: 'a volume name with a dot', path: 'spec.volumes[0].name', yaml: pod(`volumes:
  - name: a.b  # <-
${container()}`) },
  { name: 'a volume with two sources', path: 'spec.volumes[0].emptyDir', message: /may not specify more than 1 volume type/, yaml: pod(`volumes:
  - name: a
    hostPath:
      path: /data
    emptyDir: {}  # <-
${container()}`) },
  { name: 'a secret volume without secretName', path: 'spec.volumes[0].secret.secretName', yaml: pod(`volumes:
  - name: a
    secret:  # <-
      defaultMode: 0400
${container()}`) },
  { name: 'a configMap item path with ..', path: 'spec.volumes[0].configMap.items[0].path', yaml: pod(`volumes:
  - name: a
    configMap:
      name: c
      items:
        - key: k
          path: ../escape  # <-
${container()}`) },
  { name: 'a file mode over 0777', path: 'spec.volumes[0].configMap.defaultMode', yaml: pod(`volumes:
  - name: a
    configMap:
      name: c
      defaultMode: 01000  # <-
${container()}`) },
  { name: 'an nfs volume with a relative path', path: 'spec.volumes[0].nfs.path', yaml: pod(`volumes:
  - name: a
    nfs:
      server: nfs.local
      path: exports  # <-
${container()}`) },
  { name: 'a projected token under 10 minutes', path: 'spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds', yaml: pod(`volumes:
  - name: a
    projected:
      sources:
        - serviceAccountToken:
            path: token
            expirationSeconds: 60  # <-
${container()}`) },
  { name: 'an ephemeral volume without a storage request', path: 'spec.volumes[0].ephemeral.volumeClaimTemplate.spec.resources[storage]', yaml: pod(`volumes:
  - name: scratch
    ephemeral:
      volumeClaimTemplate:
        spec:
          accessModes: [ReadWriteOnce]
          resources:  # <-
            limits:
              storage: 1Gi
${container()}`) },
  { name: 'a volumeDevice on a volume that is not a claim', path: 'spec.containers[0].volumeDevices[0].name', yaml: pod(`volumes:
  - name: scratch
${container(`volumeDevices:
  - name: scratch  # <-
    devicePath: /dev/xvda`)}`) },
  { name: 'a liveness probe with successThreshold 2', path: 'spec.containers[0].livenessProbe.successThreshold', message: /must be 1/, yaml: pod(container(`livenessProbe:
  tcpSocket:
    port: 80
  successThreshold: 2  # <-`)) },
  { name: 'a startup probe with successThreshold 3', path: 'spec.containers[0].startupProbe.successThreshold', yaml: pod(container(`startupProbe:
  exec:
    command: ["true"]
  successThreshold: 3  # <-`)) },
  { name: 'a probe without a handler', path: 'spec.containers[0].readinessProbe', message: /must specify a handler type/, yaml: pod(container(`readinessProbe:  # <-
  periodSeconds: 5`)) },
  { name: 'a probe with two handlers', path: 'spec.containers[0].livenessProbe.tcpSocket', yaml: pod(container(`livenessProbe:
  exec:
    command: ["true"]
  tcpSocket:  # <-
    port: 80`)) },
  { name: 'a negative probe period', path: 'spec.containers[0].livenessProbe.periodSeconds', yaml: pod(container(`livenessProbe:
  exec:
    command: ["true"]
  periodSeconds: -1  # <-`)) },
  { name: 'a probe on a named port the container does not declare', path: 'spec.containers[0].livenessProbe.httpGet.port', message: /Not found: "metrics"/, yaml: pod(container(`ports:
  - name: http
    containerPort: 80
livenessProbe:
  httpGet:
    path: /
    port: metrics  # <-`)) },
  { name: 'a probe port out of range', path: 'spec.containers[0].readinessProbe.tcpSocket.port', yaml: pod(container(`readinessProbe:
  tcpSocket:
    port: 70000  # <-`)) },
  { name: 'terminationGracePeriodSeconds on a readiness probe', path: 'spec.containers[0].readinessProbe.terminationGracePeriodSeconds', yaml: pod(container(`readinessProbe:
  tcpSocket:
    port: 80
  terminationGracePeriodSeconds: 10  # <-`)) },
  { name: 'a liveness probe on a plain init container', path: 'spec.initContainers[0].livenessProbe', yaml: pod(`initContainers:
  - name: init
    image: busybox
    livenessProbe:  # <-
      exec:
        command: ["true"]
${container()}`) },
  { name: 'a lifecycle hook with two handlers', path: 'spec.containers[0].lifecycle.preStop.sleep', yaml: pod(container(`lifecycle:
  preStop:
    exec:
      command: ["true"]
    sleep:  # <-
      seconds: 1`)) },
  { name: 'a resource name that is not a container resource', path: 'spec.containers[0].resources.limits[storage]', yaml: pod(container(`resources:
  limits:
    storage: 1Gi  # <-`)) },
  { name: 'an extended resource request without a limit', path: 'spec.containers[0].resources.requests[example.com/gpu]', yaml: pod(container(`resources:
  requests:
    example.com/gpu: 1  # <-`)) },
  { name: 'privileged with allowPrivilegeEscalation false', path: 'spec.containers[0].securityContext.allowPrivilegeEscalation', yaml: pod(container(`securityContext:
  privileged: true
  allowPrivilegeEscalation: false  # <-`)) },
  { name: 'a negative runAsUser', path: 'spec.containers[0].securityContext.runAsUser', yaml: pod(container(`securityContext:
  runAsUser: -1  # <-`)) },
  { name: 'a Localhost seccomp profile without its file', path: 'spec.securityContext.seccompProfile.localhostProfile', yaml: pod(`securityContext:
  seccompProfile:  # <-
    type: Localhost
${container()}`) },
  { name: 'a toleration with Exists and a value', path: 'spec.tolerations[0].value', yaml: pod(`${container()}tolerations:
  - key: a
    operator: Exists
    value: b  # <-`) },
  { name: 'tolerationSeconds without NoExecute', path: 'spec.tolerations[0].effect', yaml: pod(`${container()}tolerations:
  - key: a
    operator: Equal
    value: b
    effect: NoSchedule  # <-
    tolerationSeconds: 10`) },
  { name: 'a node selector requirement In without values', path: 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values', yaml: pod(`${container()}affinity:
  nodeAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      nodeSelectorTerms:
        - matchExpressions:
            - key: zone  # <-
              operator: In`) },
  { name: 'Exists with values', path: 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values', yaml: pod(`${container()}affinity:
  nodeAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      nodeSelectorTerms:
        - matchExpressions:
            - key: zone
              operator: Exists
              values: [a]  # <-`) },
  { name: 'a preferred weight of 0', path: 'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight', yaml: pod(`${container()}affinity:
  podAntiAffinity:
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 0  # <-
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname`) },
  { name: 'a pod affinity term without topologyKey', path: 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey', yaml: pod(`${container()}affinity:
  podAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector:  # <-
          matchLabels:
            app: x`) },
  { name: 'a topology spread maxSkew of 0', path: 'spec.topologySpreadConstraints[0].maxSkew', yaml: pod(`${container()}topologySpreadConstraints:
  - maxSkew: 0  # <-
    topologyKey: zone
    whenUnsatisfiable: DoNotSchedule`) },
  { name: 'minDomains with ScheduleAnyway', path: 'spec.topologySpreadConstraints[0].minDomains', yaml: pod(`${container()}topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: zone
    whenUnsatisfiable: ScheduleAnyway
    minDomains: 2  # <-`) },
  { name: 'dnsPolicy None without dnsConfig', path: 'spec.dnsConfig', yaml: pod(`${container()}dnsPolicy: None  # <-`) },
  { name: 'four nameservers', path: 'spec.dnsConfig.nameservers', yaml: pod(`${container()}dnsPolicy: None
dnsConfig:
  nameservers: [1.1.1.1, 1.0.0.1, 8.8.8.8, 8.8.4.4]  # <-`) },
  { name: 'a serviceAccountName with uppercase', path: 'spec.serviceAccountName', yaml: pod(`${container()}serviceAccountName: My_SA  # <-`) },
  { name: 'a hostname with a dot', path: 'spec.hostname', yaml: pod(`${container()}hostname: a.b  # <-`) },
  { name: 'a node selector value with a space', path: 'spec.nodeSelector[disk]', yaml: pod(`${container()}nodeSelector:
  disk: fast ssd  # <-`) },
  { name: 'shareProcessNamespace with hostPID', path: 'spec.shareProcessNamespace', yaml: pod(`${container()}hostPID: true
shareProcessNamespace: true  # <-`) },
  { name: 'a host alias with an invalid IP', path: 'spec.hostAliases[0].ip', yaml: pod(`${container()}hostAliases:
  - ip: 999.1.1.1  # <-
    hostnames: [x]`) },
  { name: 'activeDeadlineSeconds of 0 in a Pod', path: 'spec.activeDeadlineSeconds', yaml: pod(`${container()}activeDeadlineSeconds: 0  # <-`) },
  { name: 'a CronJob pod template', path: 'spec.jobTemplate.spec.template.spec.containers[0].ports[0].name', yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: job
              image: busybox
              ports:
                - name: Web  # <-
                  containerPort: 80
` },
]);

test('pod-spec-invalid: one finding per mistake, suppressible like every rule', () => {
  const text = pod(container(`ports:
  # k8s-stateful-disable-next-line pod-spec-invalid
  - name: kafka-internal-port
    containerPort: 9092`));
  const found = diagnosticsFor(text).filter((d) => d.code === 'pod-spec-invalid');
  assert.deepEqual(found, [], summarize(found));
});
