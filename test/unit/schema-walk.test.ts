// The schema walker that hover and completion share: $ref/allOf resolution, paths, properties,
// type labels, defaults read from the descriptions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitDescription, markdownProse } from '../../server/src/service/schema/docs';
import { resourceSchema } from '../../server/src/service/schema/lookup';
import {
  ANY_ITEM,
  child,
  defaultOf,
  enumValues,
  fieldAt,
  isDeprecated,
  isServerPopulated,
  properties,
  resolve,
  rootField,
  shapeOf,
  typeLabel,
} from '../../server/src/service/schema/walk';
import { testService } from '../helpers/service';

const registry = () => testService().registry;
const sts = () => registry().schema('apps/v1', 'StatefulSet')!;

test('fieldAt follows $ref through spec, template and list items', () => {
  const root = sts();
  const image = fieldAt(root, ['spec', 'template', 'spec', 'containers', ANY_ITEM, 'image'])!;
  assert.equal(typeLabel(root, image), 'string');
  assert.match(image.description!, /Container image name/);
  const containers = fieldAt(root, ['spec', 'template', 'spec', 'containers'])!;
  assert.equal(typeLabel(root, containers), '[]Container');
  assert.equal(shapeOf(root, containers), 'array-of-objects');
  // A concrete index works like ANY_ITEM.
  assert.equal(fieldAt(root, ['spec', 'template', 'spec', 'containers', 3, 'name'])?.schema.type, 'string');
  assert.equal(fieldAt(root, ['spec', 'nope']), undefined);
  assert.equal(fieldAt(root, ['spec', 'replicas', 'deeper']), undefined);
});

test('StatefulSetSpec lists its properties with selector and template required', () => {
  const root = sts();
  const spec = fieldAt(root, ['spec'])!;
  const props = properties(root, spec);
  const names = props.map((p) => p.name);
  for (const expected of ['serviceName', 'replicas', 'selector', 'template', 'volumeClaimTemplates', 'podManagementPolicy', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'ordinals', 'minReadySeconds', 'revisionHistoryLimit']) {
    assert.ok(names.includes(expected), `missing ${expected}`);
  }
  assert.deepEqual(props.filter((p) => p.required).map((p) => p.name).sort(), ['selector', 'template']);
});

test('type labels name the shapes people know', () => {
  const root = sts();
  const label = (path: Array<string | number>) => typeLabel(root, fieldAt(root, path)!);
  assert.equal(label(['spec', 'replicas']), 'integer (int32)');
  assert.equal(label(['spec', 'selector']), 'LabelSelector');
  assert.equal(label(['metadata', 'labels']), 'map[string]string');
  assert.equal(label(['spec', 'template', 'spec', 'containers', ANY_ITEM, 'resources', 'requests']), 'map[string]quantity');
  assert.equal(label(['spec', 'template', 'spec', 'containers', ANY_ITEM, 'ports', ANY_ITEM, 'containerPort']), 'integer (int32)');
  assert.equal(label(['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable']), 'int-or-string');
  assert.equal(label(['spec', 'volumeClaimTemplates']), '[]PersistentVolumeClaim');
  assert.equal(label(['metadata', 'creationTimestamp']), 'string (RFC 3339 date-time)');
  const secret = registry().schema('v1', 'Secret')!;
  assert.equal(typeLabel(secret, fieldAt(secret, ['data'])!), 'map[string]string (base64)');
});

test('shapes decide how completion inserts a key', () => {
  const root = sts();
  const shape = (path: Array<string | number>) => shapeOf(root, fieldAt(root, path)!);
  assert.equal(shape(['spec']), 'object');
  assert.equal(shape(['metadata', 'labels']), 'map');
  assert.equal(shape(['spec', 'volumeClaimTemplates']), 'array-of-objects');
  assert.equal(shape(['spec', 'template', 'spec', 'containers', ANY_ITEM, 'command']), 'array-of-scalars');
  assert.equal(shape(['spec', 'replicas']), 'scalar');
  assert.equal(shape(['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable']), 'scalar');
});

test('enum values and defaults come from the schema and its prose', () => {
  const root = sts();
  const policy = fieldAt(root, ['spec', 'podManagementPolicy'])!;
  assert.deepEqual(enumValues(policy), ['OrderedReady', 'Parallel']);
  assert.equal(defaultOf(root, policy), 'OrderedReady');
  assert.equal(defaultOf(root, fieldAt(root, ['spec', 'replicas'])!), '1');
  assert.equal(defaultOf(root, fieldAt(root, ['spec', 'revisionHistoryLimit'])!), '10');
  const container = ['spec', 'template', 'spec', 'containers', ANY_ITEM];
  assert.equal(defaultOf(root, fieldAt(root, [...container, 'ports', ANY_ITEM, 'protocol'])!), 'TCP');
  assert.equal(defaultOf(root, fieldAt(root, [...container, 'imagePullPolicy'])!), 'Always if :latest tag is specified, or IfNotPresent otherwise');
  assert.equal(defaultOf(root, fieldAt(root, ['spec', 'template', 'spec', 'terminationGracePeriodSeconds'])!), '30 seconds');
  // No default stated: nothing invented.
  assert.equal(defaultOf(root, fieldAt(root, ['spec', 'serviceName'])!), undefined);
  assert.equal(defaultOf(root, fieldAt(root, ['spec', 'selector'])!), undefined);
  const accessModes = fieldAt(root, ['spec', 'volumeClaimTemplates', ANY_ITEM, 'spec', 'accessModes', ANY_ITEM])!;
  assert.deepEqual(enumValues(accessModes), ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod']);
  // Items without their own description borrow the list's.
  assert.match(accessModes.description!, /desired access modes/);
});

test('server-populated and deprecated fields are recognised', () => {
  const root = sts();
  const meta = fieldAt(root, ['metadata'])!;
  const byName = new Map(properties(root, meta).map((p) => [p.name, p]));
  assert.ok(isServerPopulated('uid', byName.get('uid')!.field, false));
  assert.ok(isServerPopulated('creationTimestamp', byName.get('creationTimestamp')!.field, false));
  assert.ok(!isServerPopulated('name', byName.get('name')!.field, false));
  assert.ok(isServerPopulated('status', rootField(root), true));
  const podSpec = fieldAt(root, ['spec', 'template', 'spec'])!;
  const serviceAccount = properties(root, podSpec).find((p) => p.name === 'serviceAccount')!;
  assert.ok(isDeprecated(serviceAccount.field));
  assert.ok(!isDeprecated(properties(root, podSpec).find((p) => p.name === 'serviceAccountName')!.field));
});

test('resolve merges allOf members and keeps the referencing description', () => {
  const root = {
    definitions: {
      Base: { type: 'object', description: 'the base', properties: { a: { type: 'string' } }, required: ['a'] },
      Extra: { properties: { b: { $ref: '#/definitions/Leaf', description: 'b here' } }, required: ['b'] },
      Leaf: { type: 'integer', description: 'a leaf' },
      Loop: { $ref: '#/definitions/Loop' },
    },
    allOf: [{ $ref: '#/definitions/Base' }, { $ref: '#/definitions/Extra' }],
  };
  const field = rootField(root);
  assert.deepEqual(properties(root, field).map((p) => [p.name, p.required]), [['a', true], ['b', true]]);
  const b = child(root, field, 'b')!;
  assert.equal(b.description, 'b here');
  assert.equal(b.typeName, 'Leaf');
  assert.equal(b.schema.type, 'integer');
  // A self-referencing definition does not hang.
  assert.ok(resolve(root, { $ref: '#/definitions/Loop' }));
  assert.equal(resolve(root, { $ref: '#/definitions/Missing' })?.schema.$ref, undefined);
});

test('resourceSchema falls back to the serving apiVersion for removed or missing ones', () => {
  const r = registry();
  assert.equal(resourceSchema(r, 'apps/v1', 'StatefulSet')?.apiVersion, 'apps/v1');
  const removed = resourceSchema(r, 'apps/v1beta1', 'StatefulSet')!;
  assert.equal(removed.apiVersion, 'apps/v1');
  assert.equal(removed.substitutedFrom, 'apps/v1beta1');
  assert.equal(resourceSchema(r, undefined, 'PersistentVolumeClaim')?.apiVersion, 'v1');
  assert.equal(resourceSchema(r, undefined, 'HorizontalPodAutoscaler')?.apiVersion, 'autoscaling/v2');
  // A custom resource is left alone.
  assert.equal(resourceSchema(r, 'example.com/v1', 'StatefulSet'), undefined);
  assert.equal(resourceSchema(r, 'apps/v1', undefined), undefined);
});

test('descriptions become readable Markdown', () => {
  const { prose, values } = splitDescription(fieldAt(sts(), ['spec', 'podManagementPolicy'])!.description);
  assert.ok(!prose.includes('Possible enum values'));
  assert.match(values.get('Parallel')!, /will create and delete pods as soon as/);
  const md = markdownProse('Name must be an IANA_SVC_NAME <name>-<index>. More info: https://kubernetes.io/docs/x#y. Use `a_b`.');
  assert.equal(md, 'Name must be an IANA\\_SVC\\_NAME \\<name\\>-\\<index\\>. More info: <https://kubernetes.io/docs/x#y>. Use `a_b`.');
});
