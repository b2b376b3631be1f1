// What the API server rejects in the specs of the other workload kinds (apps and batch validation):
// Deployments, ReplicaSets, ReplicationControllers and DaemonSets (selector, template labels,
// restartPolicy Always, rollout limits), Jobs (restartPolicy OnFailure or Never, counts, completion
// mode, generated selector) and CronJobs (schedule, history limits, the 52-character name).
import { CRON_JOB, DAEMON_SET, DEPLOYMENT, JOB, REPLICATION_CONTROLLER, REPLICA_SET, type KindKey } from '../kinds';
import { parseCron } from '../k8s/cron';
import { isBuiltIn } from './builtIn';
import { Field, FieldErrors } from './fieldErrors';
import type { Rule } from './types';
import { intOrPercent, validateTemplateRestartPolicy, validateWorkloadSelector } from './workloadChecks';

/** CronJob names: the Job names it creates append an 11-character suffix to a 63-character label value. */
export const MAX_CRONJOB_NAME = 52;

export const workloadSpecInvalid: Rule = {
  id: 'workload-spec-invalid',
  description: 'A Deployment, ReplicaSet, DaemonSet, Job or CronJob spec the API server rejects: selector, template labels, restartPolicy, rollout limits, counts, schedule.',
  defaultSeverity: 'error',
  judges: 'meaning',
  kinds: [DEPLOYMENT, REPLICA_SET, REPLICATION_CONTROLLER, DAEMON_SET, JOB, CRON_JOB],
  check(ctx) {
    const errors = new FieldErrors(ctx);
    const root = Field.root(ctx.resource);
    const spec = root.get('spec');
    if (!spec.map) return;
    const resource = ctx.resource;
    const apps = [DEPLOYMENT, REPLICA_SET, DAEMON_SET].find((key) => isBuiltIn(resource, key));
    if (apps) validateAppsSpec(errors, spec, apps);
    else if (isBuiltIn(resource, REPLICATION_CONTROLLER)) validateReplicationController(errors, spec);
    else if (isBuiltIn(resource, JOB)) validateJobSpec(errors, spec);
    else if (isBuiltIn(resource, CRON_JOB)) {
      const name = root.at('metadata', 'name');
      if (name.string !== undefined && name.string.length > MAX_CRONJOB_NAME) errors.invalid(name, `must be no more than ${MAX_CRONJOB_NAME} characters`);
      validateCronJobSpec(errors, spec);
    }
  },
};

function validateAppsSpec(errors: FieldErrors, spec: Field, kind: KindKey): void {
  for (const k of ['replicas', 'minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds']) errors.nonNegative(spec.get(k));
  validateWorkloadSelector(errors, spec, kind.kind.toLowerCase());
  const podSpec = spec.at('template', 'spec');
  validateTemplateRestartPolicy(errors, podSpec, ['Always']);
  if (podSpec.get('activeDeadlineSeconds').exists) errors.forbidden(podSpec.get('activeDeadlineSeconds'), `activeDeadlineSeconds in ${(kind === DAEMON_SET ? DAEMON_SET : REPLICA_SET).kind} is not Supported`);
  if (kind === DEPLOYMENT) {
    const strategy = spec.get('strategy');
    const type = strategy.get('type').string ?? 'RollingUpdate';
    const rolling = strategy.get('rollingUpdate');
    if (type === 'Recreate' && rolling.exists) errors.forbidden(rolling, "may not be specified when strategy `type` is 'Recreate'");
    if (type === 'RollingUpdate' && rolling.map) validateRollout(errors, rolling);
    const progress = spec.get('progressDeadlineSeconds').number;
    const minReady = spec.get('minReadySeconds').number ?? 0;
    if (progress !== undefined && progress >= 0 && progress <= minReady) errors.invalid(spec.get('progressDeadlineSeconds'), 'must be greater than minReadySeconds');
  }
  if (kind === DAEMON_SET) {
    const strategy = spec.get('updateStrategy');
    const type = strategy.get('type').string ?? 'RollingUpdate';
    const rolling = strategy.get('rollingUpdate');
    if (type === 'OnDelete' && rolling.exists) errors.forbidden(rolling, "may not be specified when strategy `type` is 'OnDelete'");
    if (type === 'RollingUpdate' && rolling.map) validateRollout(errors, rolling);
  }
}

/** maxUnavailable and maxSurge: non-negative ints or percentages, maxUnavailable at most 100%, not both zero. */
function validateRollout(errors: FieldErrors, rolling: Field): void {
  const surge = rolling.get('maxSurge');
  const unavailable = rolling.get('maxUnavailable');
  const surgeValue = intOrPercent(errors, surge);
  const unavailableValue = intOrPercent(errors, unavailable, true);
  if (surgeValue === 0 && unavailableValue === 0) errors.invalid(unavailable, 'may not be 0 when `maxSurge` is 0');
}

function validateReplicationController(errors: FieldErrors, spec: Field): void {
  for (const k of ['replicas', 'minReadySeconds']) errors.nonNegative(spec.get(k));
  const selector = spec.get('selector');
  if (selector.map && selector.entries().length === 0) errors.required(selector);
  validateTemplateRestartPolicy(errors, spec.at('template', 'spec'), ['Always']);
}

function validateJobSpec(errors: FieldErrors, spec: Field): void {
  for (const k of ['parallelism', 'completions', 'backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes']) errors.nonNegative(spec.get(k));
  const active = spec.get('activeDeadlineSeconds');
  if (active.number === 0) errors.invalid(active, 'must be greater than 0');
  validateTemplateRestartPolicy(errors, spec.at('template', 'spec'), ['OnFailure', 'Never']);
  const mode = spec.get('completionMode').string ?? 'NonIndexed';
  if (mode === 'Indexed' && !spec.get('completions').exists) errors.required(spec.get('completions'), 'when completion mode is Indexed');
  for (const k of ['backoffLimitPerIndex', 'maxFailedIndexes']) {
    if (spec.get(k).exists && mode !== 'Indexed') errors.forbidden(spec.get(k), 'when completion mode is not Indexed');
  }
  if (spec.get('selector').exists && spec.get('manualSelector').boolean !== true) {
    errors.invalidBlock(spec.get('selector'), '`selector` will be auto-generated (set manualSelector: true to choose your own)');
  }
  const failurePolicy = spec.get('podFailurePolicy');
  if (failurePolicy.exists && spec.at('template', 'spec', 'restartPolicy').string === 'OnFailure') {
    errors.invalidBlock(spec.at('template', 'spec', 'restartPolicy'), 'only "Never" is supported when podFailurePolicy is specified');
  }
}

function validateCronJobSpec(errors: FieldErrors, spec: Field): void {
  const schedule = spec.get('schedule');
  if (!schedule.exists) errors.required(schedule);
  else if (schedule.string !== undefined) {
    if (/^\s*(CRON_)?TZ=/.test(schedule.string)) errors.invalid(schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
    else {
      const problem = parseCron(schedule.string);
      if (problem) errors.invalid(schedule, problem);
    }
  }
  const timeZone = spec.get('timeZone');
  if (timeZone.string !== undefined && (/^\s|\s$/.test(timeZone.string) || timeZone.string === '' || /[^A-Za-z0-9_+\-/]/.test(timeZone.string))) {
    errors.invalid(timeZone, 'unknown time zone');
  }
  for (const k of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) errors.nonNegative(spec.get(k));
  const jobSpec = spec.at('jobTemplate', 'spec');
  if (jobSpec.map) validateJobSpec(errors, jobSpec);
}
