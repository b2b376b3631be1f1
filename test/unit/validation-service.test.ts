// service-invalid and service-target-port-unknown: what ValidateService rejects, from the cases of
// the Go tests' table (pkg/apis/core/validation/validation_test.go TestValidateServiceCreate), and
// the named targetPort that no selected container declares.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnosticsFor, summarize } from '../helpers/service';
import { accepted, indent, rejected } from '../helpers/validationCases';

const service = (spec: string, name = 'db') => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
${indent(spec, 2)}
`;

const kafka = (targetPort: string) => `${service(`clusterIP: None
selector:
  app: kafka
ports:
  - name: client
    port: 9092
    targetPort: ${targetPort}`, 'kafka')}---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: kafka
spec:
  serviceName: kafka
  selector:
    matchLabels:
      app: kafka
  template:
    metadata:
      labels:
        app: kafka
    spec:
      containers:
        - name: kafka
          image: kafka:3
          ports:
            - name: kafka-client
              containerPort: 9092
`;

accepted('Services', [
  { name: 'a ClusterIP Service with one unnamed port', yaml: service('selector:\n  app: db\nports:\n  - port: 5432\n    targetPort: 5432') },
  { name: 'a headless Service without ports', yaml: service('clusterIP: None\nselector:\n  app: db') },
  { name: 'two named ports, one targetPort by name', yaml: service('selector:\n  app: db\nports:\n  - name: pg\n    port: 5432\n    targetPort: postgres\n  - name: metrics\n    port: 9187') },
  { name: 'the same port number over TCP and UDP', yaml: service('selector:\n  app: dns\nports:\n  - name: dns\n    port: 53\n    protocol: UDP\n  - name: dns-tcp\n    port: 53\n    protocol: TCP') },
  { name: 'a NodePort Service with nodePort and externalTrafficPolicy', yaml: service('type: NodePort\nexternalTrafficPolicy: Local\nselector:\n  app: web\nports:\n  - port: 80\n    nodePort: 30080') },
  { name: 'a LoadBalancer with source ranges and a health check port', yaml: service('type: LoadBalancer\nexternalTrafficPolicy: Local\nhealthCheckNodePort: 30200\nloadBalancerSourceRanges: [10.0.0.0/8, "2001:db8::/32"]\nallocateLoadBalancerNodePorts: true\nselector:\n  app: web\nports:\n  - port: 443') },
  { name: 'an ExternalName Service', yaml: service('type: ExternalName\nexternalName: db.example.com.') },
  { name: 'session affinity ClientIP with a timeout', yaml: service('sessionAffinity: ClientIP\nsessionAffinityConfig:\n  clientIP:\n    timeoutSeconds: 3600\nselector:\n  app: web\nports:\n  - port: 80') },
  { name: 'a named targetPort that the selected StatefulSet declares', yaml: kafka('kafka-client') },
  { name: 'a dual-stack Service', yaml: service('ipFamilyPolicy: PreferDualStack\nipFamilies: [IPv4, IPv6]\nselector:\n  app: web\nports:\n  - port: 80') },
]);

rejected('Services', [
  { name: 'a headless NodePort Service', path: 'spec.clusterIP', code: 'service-invalid', message: /may not be set to 'None' for NodePort services/, yaml: service('type: NodePort\nclusterIP: None  # <-\nselector:\n  app: db\nports:\n  - port: 80') },
  { name: 'a headless LoadBalancer Service', path: 'spec.clusterIP', yaml: service('type: LoadBalancer\nclusterIP: None  # <-\nports:\n  - port: 80') },
  { name: 'two ports, the second unnamed', path: 'spec.ports[1].name', message: /Required value/, yaml: service('selector:\n  app: db\nports:\n  - name: a\n    port: 80\n  - port: 81  # <-') },
  { name: 'two unnamed ports', message: /spec\.ports\[\d\]\.name: Required value/, yaml: service('selector:\n  app: db\nports:\n  - port: 80  # <-\n  - port: 81  # <-') },
  { name: 'a port name with uppercase', path: 'spec.ports[0].name', yaml: service('ports:\n  - name: Web  # <-\n    port: 80') },
  { name: 'a port name too long', path: 'spec.ports[0].name', yaml: service(`ports:\n  - name: ${'a'.repeat(64)}  # <-\n    port: 80`) },
  { name: 'duplicate port names', path: 'spec.ports[1].name', message: /Duplicate value: "web"/, yaml: service('ports:\n  - name: web\n    port: 80\n  - name: web  # <-\n    port: 81') },
  { name: 'the same port and protocol twice', path: 'spec.ports[1]', message: /Duplicate value/, yaml: service('ports:\n  - name: a\n    port: 80\n  - name: b  # <-\n    port: 80') },
  { name: 'port 0', path: 'spec.ports[0].port', yaml: service('ports:\n  - port: 0  # <-') },
  { name: 'port 65536', path: 'spec.ports[0].port', yaml: service('ports:\n  - port: 65536  # <-') },
  { name: 'targetPort 65536', path: 'spec.ports[0].targetPort', yaml: service('ports:\n  - port: 80\n    targetPort: 65536  # <-') },
  { name: 'a quoted numeric targetPort (a name with no letter)', path: 'spec.ports[0].targetPort', message: /at least one letter/, yaml: service('ports:\n  - port: 80\n    targetPort: "8080"  # <-') },
  { name: 'a targetPort name with an underscore', path: 'spec.ports[0].targetPort', yaml: service('ports:\n  - port: 80\n    targetPort: my_port  # <-') },
  { name: 'a targetPort name over 15 characters', path: 'spec.ports[0].targetPort', yaml: service('ports:\n  - port: 80\n    targetPort: kafka-internal-port  # <-') },
  { name: 'a nodePort on a ClusterIP Service', path: 'spec.ports[0].nodePort', yaml: service('ports:\n  - port: 80\n    nodePort: 30080  # <-') },
  { name: 'the same nodePort twice', path: 'spec.ports[1].nodePort', yaml: service('type: NodePort\nports:\n  - name: a\n    port: 80\n    nodePort: 30080\n  - name: b\n    port: 81\n    nodePort: 30080  # <-') },
  { name: 'no ports on a ClusterIP Service', path: 'spec.ports', yaml: service('selector:  # <-\n  app: db').replace('spec:\n  selector:  # <-', 'spec:  # <-\n  selector:') },
  { name: 'an ExternalName Service without externalName', path: 'spec.externalName', yaml: service('type: ExternalName  # <-').replace('spec:\n  type: ExternalName  # <-', 'spec:  # <-\n  type: ExternalName') },
  { name: 'an externalName that is not a DNS name', path: 'spec.externalName', yaml: service('type: ExternalName\nexternalName: not_a_host  # <-') },
  { name: 'an invalid clusterIP', path: 'spec.clusterIP', yaml: service('clusterIP: 10.0.0.300  # <-\nports:\n  - port: 80') },
  { name: 'a selector key with two slashes', path: 'spec.selector', yaml: service('selector:\n  a/b/c: x  # <-\nports:\n  - port: 80') },
  { name: 'a selector value with a space', path: 'spec.selector', yaml: service('selector:\n  app: my app  # <-\nports:\n  - port: 80') },
  { name: 'externalTrafficPolicy on a ClusterIP Service', path: 'spec.externalTrafficPolicy', yaml: service('externalTrafficPolicy: Local  # <-\nports:\n  - port: 80') },
  { name: 'loadBalancerSourceRanges on a NodePort Service', path: 'spec.loadBalancerSourceRanges', yaml: service('type: NodePort\nloadBalancerSourceRanges:  # <-\n  - 10.0.0.0/8\nports:\n  - port: 80') },
  { name: 'an invalid source range', path: 'spec.loadBalancerSourceRanges[0]', yaml: service('type: LoadBalancer\nloadBalancerSourceRanges:\n  - 10.0.0.0/33  # <-\nports:\n  - port: 80') },
  { name: 'a session affinity timeout over a day', path: 'spec.sessionAffinityConfig.clientIP.timeoutSeconds', yaml: service('sessionAffinity: ClientIP\nsessionAffinityConfig:\n  clientIP:\n    timeoutSeconds: 86401  # <-\nports:\n  - port: 80') },
  { name: 'healthCheckNodePort without externalTrafficPolicy Local', path: 'spec.healthCheckNodePort', yaml: service('type: LoadBalancer\nhealthCheckNodePort: 30200  # <-\nports:\n  - port: 80') },
  { name: 'clusterIPs that do not start with clusterIP', path: 'spec.clusterIPs[0]', yaml: service('clusterIP: 10.0.0.10\nclusterIPs:\n  - 10.0.0.11  # <-\nports:\n  - port: 80') },
  { name: 'SingleStack with two IP families', path: 'spec.ipFamilies', yaml: service('ipFamilyPolicy: SingleStack\nipFamilies:  # <-\n  - IPv4\n  - IPv6\nports:\n  - port: 80') },
]);


test('service-target-port-unknown: a named targetPort that no selected container declares is a warning on the targetPort', () => {
  const text = kafka('kafka-internal');
  const found = diagnosticsFor(text).filter((d) => d.code === 'service-target-port-unknown');
  assert.equal(found.length, 1, summarize(diagnosticsFor(text)));
  assert.equal(found[0].severity, 2);
  assert.equal(found[0].range.start.line, 11);
  assert.match(found[0].message, /spec\.ports\[0\]\.targetPort: targetPort "kafka-internal" names no container port .*"kafka-client"/);
  assert.deepEqual(diagnosticsFor(kafka('kafka-client')).filter((d) => d.code === 'service-target-port-unknown'), []);
});
