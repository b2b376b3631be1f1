// What a resource is for, on hover over `kind:` or `apiVersion:`. The schema descriptions say
// what the object *is*; for the kinds a stateful workload is made of we add what it is *for*.
export const KIND_PURPOSE: Record<string, string> = {
  StatefulSet:
    'Runs pods with a stable identity: ordered names (`<name>-0`, `<name>-1`, …), a stable DNS name each through the headless Service named in `spec.serviceName`, and one PersistentVolumeClaim per pod for each entry of `spec.volumeClaimTemplates`, kept across rescheduling. Use it for databases, queues and other clustered state.',
  Service:
    'Gives a set of pods (chosen by `spec.selector`) one network name. With `clusterIP: None` it is *headless*: no virtual IP, and DNS returns each pod — what a StatefulSet needs for per-pod names like `db-0.db.<namespace>.svc.cluster.local`.',
  PersistentVolumeClaim:
    'A request for storage: size (`resources.requests.storage`), access modes and a StorageClass. It binds to a matching PersistentVolume, or a new volume is provisioned by the class. Pods mount it through `volumes[].persistentVolumeClaim.claimName`.',
  PersistentVolume:
    'A piece of storage in the cluster (a disk, an NFS export, a local path), provisioned by an administrator or dynamically by a StorageClass. Claims bind to it by size, access modes, class and selector; `persistentVolumeReclaimPolicy` decides what happens when the claim is deleted.',
  StorageClass:
    'Describes a kind of storage and how to provision it (`provisioner`, `parameters`), with `reclaimPolicy` and `volumeBindingMode`. Claims name it in `storageClassName`; the one annotated `storageclass.kubernetes.io/is-default-class: "true"` serves claims that name none.',
  ConfigMap:
    'Non-secret configuration as key/value pairs (`data` for text, `binaryData` for base64). Pods use it as environment variables (`envFrom`, `configMapKeyRef`) or as files (a `configMap` volume). At most 1 MiB.',
  Secret:
    'Sensitive values (passwords, tokens, keys). `data` values are base64-encoded — encoding, not encryption — and `stringData` takes plain text. Pods use it through `secretKeyRef`, `envFrom` or a `secret` volume; `type` (Opaque, kubernetes.io/tls, …) decides which keys are required.',
  Deployment: 'Runs interchangeable replicas of a pod and rolls out changes to them. Pods have random names and share any claims; for per-pod identity and storage use a StatefulSet.',
  Pod: 'The smallest deployable unit: one or more containers sharing network and volumes. Usually created by a controller (StatefulSet, Deployment, Job) rather than directly.',
  Job: 'Runs pods until a number of them complete successfully (batch work, migrations, backups).',
  CronJob: 'Creates Jobs on a schedule (`spec.schedule`, cron syntax).',
  DaemonSet: 'Runs one copy of a pod on each (selected) node — log shippers, node agents, storage drivers.',
  PodDisruptionBudget: 'Limits how many pods of a set voluntary disruptions (node drains, upgrades) may take down at once — important for quorum-based StatefulSets.',
  Namespace: 'A scope for names: most resources (including StatefulSets, Services, claims, ConfigMaps and Secrets) belong to one.',
};
