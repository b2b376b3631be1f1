// What the catalogue says of a built-in kind (its purpose on hover, its name format, where completion
// lists it, its removed apiVersions) holds for that kind under its own group only: a custom group's
// kind of the same name (Knative's `Service`, OpenKruise's `StatefulSet`) gets none of it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import { schemas } from '../helpers/service';

function crd(group: string, kind: string, description: string): string {
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${kind.toLowerCase()}s.${group}
spec:
  group: ${group}
  scope: Namespaced
  names: {kind: ${kind}, plural: ${kind.toLowerCase()}s}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          description: ${description}
          x-kubernetes-preserve-unknown-fields: true
`;
}

function workspace(files: Record<string, string>) {
  const service = createLanguageService({ schemas });
  for (const [name, text] of Object.entries(files)) service.setDocument(`file:///ws/${name}`, text, 1);
  return service;
}

const hoverText = (service: ReturnType<typeof workspace>, name: string, line: number): string => {
  const hover = service.getHover(`file:///ws/${name}`, { line, character: 7 });
  return typeof hover?.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
};

test("hover on kind: says what a built-in Service is for, and not on Knative's Service", () => {
  const service = workspace({
    'crd.yaml': crd('serving.knative.dev', 'Service', 'A Knative Service'),
    'knative.yaml': 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: hello\n',
    'core.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: hello\n',
  });
  assert.match(hoverText(service, 'core.yaml', 1), /Gives a set of pods/);
  const knative = hoverText(service, 'knative.yaml', 1);
  assert.match(knative, /A Knative Service/);
  assert.doesNotMatch(knative, /Gives a set of pods/);
});

test('name-not-dns-label judges a built-in Service name by DNS-1035, not a custom Service', () => {
  const service = workspace({
    'crd.yaml': crd('serving.knative.dev', 'Service', 'A Knative Service'),
    'knative.yaml': 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: 1hello\n',
    'core.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: 1hello\n',
  });
  const codes = (name: string) => service.getDiagnostics(`file:///ws/${name}`).map((d) => d.code);
  assert.ok(codes('core.yaml').includes('name-not-dns-label'), codes('core.yaml').join(', '));
  assert.ok(!codes('knative.yaml').includes('name-not-dns-label'), codes('knative.yaml').join(', '));
});

test("kind: completion lists the built-in StatefulSet first, OpenKruise's among the rest", () => {
  const service = workspace({ 'crd.yaml': crd('apps.kruise.io', 'StatefulSet', 'An OpenKruise Advanced StatefulSet') });
  service.setDocument('file:///ws/new.yaml', 'kind: ', 1);
  const items = service.getCompletions('file:///ws/new.yaml', { line: 0, character: 6 }).items;
  const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
  assert.equal(sorted[0].label, 'StatefulSet');
  assert.equal(sorted[0].labelDetails?.description, 'apps/v1');
  const kruise = items.find((i) => i.label === 'StatefulSet' && i.labelDetails?.description === 'apps.kruise.io/v1');
  assert.ok(kruise, 'the CRD kind is offered');
  assert.ok(kruise.sortText!.startsWith('2'), `unranked: ${kruise.sortText}`);
});

test('a removed apiVersion is reported for the built-in kind it served, from its descriptor', () => {
  const service = workspace({
    'old.yaml': 'apiVersion: extensions/v1beta1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector: {}\n',
    'flow.yaml': 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata:\n  name: f\n',
  });
  const messages = (name: string) => service.getDiagnostics(`file:///ws/${name}`).filter((d) => d.code === 'deprecated-api-version' || /removed in Kubernetes/.test(d.message)).map((d) => d.message);
  assert.deepEqual(messages('old.yaml'), ['NetworkPolicy in extensions/v1beta1 was removed in Kubernetes 1.16; use apiVersion: networking.k8s.io/v1']);
  assert.deepEqual(messages('flow.yaml'), ['FlowSchema in flowcontrol.apiserver.k8s.io/v1beta3 was removed in Kubernetes 1.32; use apiVersion: flowcontrol.apiserver.k8s.io/v1']);
});
