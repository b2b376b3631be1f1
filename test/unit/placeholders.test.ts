// Placeholders (docs/severity.md): a finding on a value meant for envsubst/sed folds into the file's one
// template-placeholder hint when the finding judges that value's form, whichever rule (or the schema)
// reports it. A bare capital word counts in a name only in a file that is a template by a clearer sign.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import { placeholderKind } from '../../server/src/service/diagnostics/placeholders';
import { diagnosticsFor, repoRoot, schemas, summarize, yamlFiles } from '../helpers/service';

const serious = (diagnostics: ReturnType<typeof diagnosticsFor>) => diagnostics.filter((d) => (d.severity ?? 1) <= 2);
const hints = (diagnostics: ReturnType<typeof diagnosticsFor>) => diagnostics.filter((d) => d.code === 'template-placeholder');

const deployment = (port: string, portName = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  selector:
    matchLabels:
      app: app
  template:
    metadata:
      labels:
        app: app
    spec:
      containers:
        - name: app
          image: app:1
          ports:
            - containerPort: ${port}${portName ? `\n              name: ${portName}` : ''}
`;
const service = (port: string, targetPort: string) => `apiVersion: v1
kind: Service
metadata:
  name: app
spec:
  selector:
    app: app
  ports:
    - port: ${port}
      targetPort: ${targetPort}
`;

test('a sed template (PORT in an integer field and in a port name): one hint, no error from the schema or service-invalid', () => {
  const diagnostics = diagnosticsFor(`${deployment('PORT')}---\n${service('PORT', 'PORT')}`);
  assert.deepEqual(serious(diagnostics), [], summarize(diagnostics));
  assert.equal(hints(diagnostics).length, 1, summarize(diagnostics));
  assert.equal(hints(diagnostics)[0].range.start.line, 17, 'at the first placeholder (containerPort)');
});

test('a bare capital port name in a file with no other sign of a template is a mistake the API server rejects', () => {
  const diagnostics = diagnosticsFor(`${deployment('8080', 'HTTP')}---\n${service('80', 'HTTP')}`);
  assert.deepEqual(hints(diagnostics), [], summarize(diagnostics));
  const codes = serious(diagnostics).map((d) => `${d.code} ${d.severity}`);
  assert.deepEqual(codes.sort(), ['pod-spec-invalid 1', 'service-invalid 1'], summarize(diagnostics));
});

test('a bare capital word where no word can be right (base64 bytes) is a placeholder on its own', () => {
  const webhook = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: hook
webhooks:
  - name: hook.example.com
    sideEffects: None
    admissionReviewVersions: [v1]
    clientConfig:
      service:
        namespace: ns
        name: hook
      caBundle: "CRT"
`;
  const diagnostics = diagnosticsFor(webhook);
  assert.deepEqual(serious(diagnostics), [], summarize(diagnostics));
  assert.equal(hints(diagnostics).length, 1, summarize(diagnostics));
});

test('placeholders in values the validation rules judge fold into the hint (they were dropped silently before)', () => {
  const pvc = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: \${CLAIM}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: <your class>
  resources:
    requests:
      storage: STORAGE_SIZE
`;
  const diagnostics = diagnosticsFor(pvc);
  assert.deepEqual(serious(diagnostics), [], summarize(diagnostics));
  assert.equal(hints(diagnostics).length, 1, summarize(diagnostics));
  assert.equal(hints(diagnostics)[0].range.start.line, 3);
});

test('an enum value in capitals is a typo, not a placeholder, even in a template', () => {
  const diagnostics = diagnosticsFor(`${deployment('PORT')}`.replace('          ports:', '          imagePullPolicy: ALWAYS\n          ports:'));
  assert.equal(hints(diagnostics).length, 1, summarize(diagnostics));
  assert.deepEqual(serious(diagnostics).map((d) => d.range.start.line), [16], summarize(diagnostics));
});

test('what counts as a placeholder, by what the finding judges', () => {
  const cases: Array<[string, Parameters<typeof placeholderKind>[1], ReturnType<typeof placeholderKind>]> = [
    ['${PORT:-9002}', 'meaning', 'yes'],
    ['"{{ .Values.port }}"', 'meaning', 'yes'],
    ['LOG_LEVEL', 'meaning', 'no'],
    ['$(POD_NAME)', 'syntax', 'no'],
    ['$REPLICAS', 'type', 'yes'],
    ['<ADD LUN ID Here>', 'syntax', 'yes'],
    ['kubernetes.io/{provisioner}', 'syntax', 'yes'],
    ['PV_NAME', 'syntax', 'yes'],
    ['PV_NAME', 'enum', 'yes'],
    ['PORT', 'type', 'yes'],
    ['PORT', 'syntax', 'if-template'],
    ['TCPP', 'enum', 'no'],
    ['Http', 'syntax', 'no'],
  ];
  for (const [value, judgement, expected] of cases) assert.equal(placeholderKind(value, judgement), expected, `${value} (${judgement})`);
});

const sctp = join(repoRoot, '..', 'shared', 'corpus', 'gke-samples', 'networking', 'sctp');

test('corpus gke-samples/networking/sctp (a sed template): one hint and nothing else', { skip: !existsSync(sctp) && 'no ../shared/corpus' }, () => {
  const languageService = createLanguageService({ schemas });
  const uris = yamlFiles(sctp).map((path) => {
    const uri = pathToFileURL(path).href;
    languageService.setDocument(uri, readFileSync(path, 'utf8'), 1);
    return uri;
  });
  const diagnostics = uris.flatMap((uri) => languageService.getDiagnostics(uri));
  assert.deepEqual(diagnostics.map((d) => d.code), ['template-placeholder'], summarize(diagnostics));
});
