// sts-spec-invalid and workload-spec-invalid: what ValidateStatefulSetSpec, ValidateDeploymentSpec,
// ValidateDaemonSetSpec, ValidateJobSpec and ValidateCronJobSpec reject (pkg/apis/apps/validation and
// pkg/apis/batch/validation tests), and the StatefulSet claim templates the controller cannot create.
import { accepted, indent, rejected } from '../helpers/validationCases';

const headless = `apiVersion: v1
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
`;

/** The pod template; it mounts the claim template "data" when there is one. */
const template = (mountData: boolean) => `template:
  metadata:
    labels:
      app: db
  spec:
    containers:
      - name: db
        image: postgres:16
${mountData ? '        volumeMounts:\n          - name: data\n            mountPath: /var/lib/postgresql\n' : ''}`;

/** A StatefulSet with `spec` lines before the selector and template, and `tail` after them. */
const sts = (spec: string, tail = '', podExtra = '') => `${headless}apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
${indent(spec, 2)}
  selector:
    matchLabels:
      app: db
${indent(template(/name: data/.test(tail)), 2)}${indent(podExtra, 6)}
${indent(tail, 2)}
`;

const claim = (spec: string, name = 'data') => `volumeClaimTemplates:
  - metadata:
      name: ${name}
    spec:
${indent(spec, 6)}`;

const deployment = (spec: string, podExtra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
${indent(spec, 2)}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
${indent(podExtra, 6)}
      containers:
        - name: web
          image: nginx
`;

const job = (spec: string, pod = 'restartPolicy: Never') => `apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
${indent(spec, 2)}
  template:
    spec:
${indent(pod, 6)}
      containers:
        - name: job
          image: busybox
`;

const cronJob = (spec: string, name = 'nightly') => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${name}
spec:
${indent(spec, 2)}
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: job
              image: busybox
`;

const S = 'spec';

accepted('workload specs', [
  { name: 'a StatefulSet with every policy set', yaml: sts(`replicas: 3
minReadySeconds: 10
podManagementPolicy: Parallel
ordinals:
  start: 1
updateStrategy:
  type: RollingUpdate
  rollingUpdate:
    partition: 1
    maxUnavailable: 50%
persistentVolumeClaimRetentionPolicy:
  whenDeleted: Delete
  whenScaled: Retain`, claim('accessModes: [ReadWriteOnce]\nresources:\n  requests:\n    storage: 10Gi'), 'volumes: []') },
  { name: 'a StatefulSet with OnDelete and replicas 0', yaml: sts('replicas: 0\nupdateStrategy:\n  type: OnDelete') },
  { name: 'a claim template restoring from a snapshot', yaml: sts('replicas: 1', claim('accessModes: [ReadWriteOnce]\ndataSource:\n  apiGroup: snapshot.storage.k8s.io\n  kind: VolumeSnapshot\n  name: nightly\nresources:\n  requests:\n    storage: 1Gi')) },
  { name: 'a Deployment with a rolling update in percent', yaml: deployment('replicas: 2\nprogressDeadlineSeconds: 600\nminReadySeconds: 5\nstrategy:\n  type: RollingUpdate\n  rollingUpdate:\n    maxSurge: 25%\n    maxUnavailable: 0') },
  { name: 'a Recreate Deployment', yaml: deployment('strategy:\n  type: Recreate') },
  { name: 'a Job with OnFailure and Indexed completions', yaml: job('completions: 5\nparallelism: 2\ncompletionMode: Indexed\nbackoffLimitPerIndex: 1\nactiveDeadlineSeconds: 600\nttlSecondsAfterFinished: 0', 'restartPolicy: OnFailure') },
  { name: 'a CronJob with a 5-field schedule and names', yaml: cronJob('schedule: "*/15 9-17 * JAN-DEC mon-fri"\ntimeZone: Europe/Berlin\nconcurrencyPolicy: Forbid\nsuccessfulJobsHistoryLimit: 3') },
  { name: 'a CronJob with @daily', yaml: cronJob('schedule: "@daily"') },
  { name: 'a CronJob name of 52 characters', yaml: cronJob('schedule: "0 0 * * *"', 'a'.repeat(52)) },
]);

rejected('StatefulSet specs', [
  { name: 'negative replicas', path: `${S}.replicas`, code: 'sts-spec-invalid', yaml: sts('replicas: -1  # <-') },
  { name: 'negative minReadySeconds', path: `${S}.minReadySeconds`, yaml: sts('minReadySeconds: -5  # <-') },
  { name: 'a negative ordinals.start', path: `${S}.ordinals.start`, yaml: sts('ordinals:\n  start: -1  # <-') },
  { name: 'rollingUpdate with OnDelete', path: `${S}.updateStrategy.rollingUpdate`, message: /only allowed for updateStrategy 'RollingUpdate'/, yaml: sts('updateStrategy:\n  type: OnDelete\n  rollingUpdate:  # <-\n    partition: 1') },
  { name: 'a negative partition', path: `${S}.updateStrategy.rollingUpdate.partition`, yaml: sts('updateStrategy:\n  type: RollingUpdate\n  rollingUpdate:\n    partition: -1  # <-') },
  { name: 'maxUnavailable 0', path: `${S}.updateStrategy.rollingUpdate.maxUnavailable`, yaml: sts('updateStrategy:\n  rollingUpdate:\n    maxUnavailable: 0  # <-') },
  { name: 'maxUnavailable over 100%', path: `${S}.updateStrategy.rollingUpdate.maxUnavailable`, yaml: sts('updateStrategy:\n  rollingUpdate:\n    maxUnavailable: 101%  # <-') },
  { name: 'an empty selector', path: `${S}.selector`, yaml: sts('replicas: 1').replace('  selector:\n    matchLabels:\n      app: db\n  template', '  selector: {}  # <-\n  template') },
  { name: 'restartPolicy OnFailure in the template', path: `${S}.template.spec.restartPolicy`, message: /Unsupported value: "OnFailure": supported values: "Always"/, yaml: sts('replicas: 1', '', 'restartPolicy: OnFailure  # <-') },
  { name: 'activeDeadlineSeconds in the template', path: `${S}.template.spec.activeDeadlineSeconds`, yaml: sts('replicas: 1', '', 'activeDeadlineSeconds: 30  # <-') },
  { name: 'a claim template with limits only', path: `${S}.volumeClaimTemplates[0].spec.resources[storage]`, code: 'sts-spec-invalid', message: /controller cannot create the claims/, yaml: sts('replicas: 1', claim('accessModes: [ReadWriteOnce]\nresources:  # <-\n  limits:\n    storage: 1Gi')) },
  { name: 'a claim template without resources', path: `${S}.volumeClaimTemplates[0].spec.resources[storage]`, yaml: sts('replicas: 1', claim('accessModes: [ReadWriteOnce]')).replace('    spec:\n        accessModes', '    spec:  # <-\n        accessModes') },
  { name: 'a claim template without a name', path: `${S}.volumeClaimTemplates[0].metadata.name`, yaml: sts('replicas: 1', 'volumeClaimTemplates:\n  - metadata:  # <-\n      labels:\n        app: db\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources:\n        requests:\n          storage: 1Gi') },
  { name: 'two claim templates with one name', path: `${S}.volumeClaimTemplates[1].metadata.name`, yaml: sts('replicas: 1', `${claim('accessModes: [ReadWriteOnce]\nresources:\n  requests:\n    storage: 1Gi')}\n  - metadata:\n      name: data  # <-\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources:\n        requests:\n          storage: 1Gi`) },
  { name: 'a claim template with a zero size', path: `${S}.volumeClaimTemplates[0].spec.resources.requests.storage`, yaml: sts('replicas: 1', claim('accessModes: [ReadWriteOnce]\nresources:\n  requests:\n    storage: "0"  # <-')) },
  { name: 'a claim template dataSource of another group without apiGroup', path: `${S}.volumeClaimTemplates[0].spec.dataSource.kind`, yaml: sts('replicas: 1', claim('accessModes: [ReadWriteOnce]\ndataSource:\n  kind: VolumeSnapshot  # <-\n  name: snap\nresources:\n  requests:\n    storage: 1Gi')) },
]);

rejected('Deployment, DaemonSet, Job and CronJob specs', [
  { name: 'a Deployment with negative replicas', path: `${S}.replicas`, code: 'workload-spec-invalid', yaml: deployment('replicas: -1  # <-') },
  { name: 'a Deployment whose selector does not match its template', path: `${S}.template.metadata.labels`, yaml: deployment('replicas: 1').replace('      labels:\n        app: web\n    spec', '      labels:  # <-\n        app: other\n    spec') },
  { name: 'a Deployment with restartPolicy Never', path: `${S}.template.spec.restartPolicy`, yaml: deployment('replicas: 1', 'restartPolicy: Never  # <-') },
  { name: 'rollingUpdate with Recreate', path: `${S}.strategy.rollingUpdate`, yaml: deployment('strategy:\n  type: Recreate\n  rollingUpdate:  # <-\n    maxSurge: 1') },
  { name: 'maxSurge and maxUnavailable both 0', path: `${S}.strategy.rollingUpdate.maxUnavailable`, yaml: deployment('strategy:\n  rollingUpdate:\n    maxSurge: 0\n    maxUnavailable: 0  # <-') },
  { name: 'a maxSurge that is not a percentage', path: `${S}.strategy.rollingUpdate.maxSurge`, yaml: deployment('strategy:\n  rollingUpdate:\n    maxSurge: ten  # <-') },
  { name: 'progressDeadlineSeconds not above minReadySeconds', path: `${S}.progressDeadlineSeconds`, yaml: deployment('minReadySeconds: 30\nprogressDeadlineSeconds: 30  # <-') },
  { name: 'a DaemonSet with rollingUpdate and OnDelete', path: `${S}.updateStrategy.rollingUpdate`, yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  updateStrategy:
    type: OnDelete
    rollingUpdate:  # <-
      maxUnavailable: 1
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
        - name: agent
          image: agent:1
` },
  { name: 'a Job without restartPolicy (restartPolicy on the container)', path: `${S}.template.spec.restartPolicy`, message: /Required value: valid values: "OnFailure", "Never"/, yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  template:
    spec:  # <-
      containers:
        - name: job
          image: busybox
          restartPolicy: Never
` },
  { name: 'a Job with restartPolicy Always', path: `${S}.template.spec.restartPolicy`, yaml: job('parallelism: 1', 'restartPolicy: Always  # <-') },
  { name: 'a Job with negative parallelism', path: `${S}.parallelism`, yaml: job('parallelism: -1  # <-') },
  { name: 'a Job with negative backoffLimit', path: `${S}.backoffLimit`, yaml: job('backoffLimit: -1  # <-') },
  { name: 'an Indexed Job without completions', path: `${S}.completions`, yaml: job('completionMode: Indexed  # <-').replace('spec:\n  completionMode: Indexed  # <-', 'spec:  # <-\n  completionMode: Indexed') },
  { name: 'a Job selector without manualSelector', path: `${S}.selector`, yaml: job('selector:  # <-\n  matchLabels:\n    app: x') },
  { name: 'a CronJob without a valid schedule', path: `${S}.schedule`, yaml: cronJob('schedule: "61 * * * *"  # <-') },
  { name: 'a CronJob schedule with six fields', path: `${S}.schedule`, yaml: cronJob('schedule: "0 0 * * * *"  # <-') },
  { name: 'a CronJob schedule with TZ=', path: `${S}.schedule`, yaml: cronJob('schedule: "TZ=UTC 0 0 * * *"  # <-') },
  { name: 'a CronJob with a negative history limit', path: `${S}.successfulJobsHistoryLimit`, yaml: cronJob('schedule: "@hourly"\nsuccessfulJobsHistoryLimit: -1  # <-') },
  { name: 'a CronJob name over 52 characters', path: 'metadata.name', yaml: cronJob('schedule: "@hourly"', `${'a'.repeat(53)}  # <-`) },
]);
