// The course material's YAML examples (../shared/seeds), reconstructed one per fixture in
// test/fixtures/seeds/, run through the real service. Each fixture's first line says what the
// diagnostics must be: `# seeds/<file>:<line> — <what it is>; expect: none | code, code (severity), …`,
// optionally followed by `; false positive: code, …` for findings a rule wrongly reports today (they
// must still appear, so whoever fixes the rule also cleans the header). An expected rule id that is
// not in the catalogue yet is reported as pending instead of failing.
// Fixtures of one seed file are indexed together, as in a student's workspace: the slides often
// define a StatefulSet's Service or a Pod's claim on a neighbouring slide.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { createLanguageService, type LanguageService } from '../../server/src/service';
import { ruleById } from '../../server/src/service/rules/catalogue';
import type { Diagnostic } from '../../server/src/service/types';
import { repoRoot, schemas, summarize } from '../helpers/service';

const fixtureDir = join(repoRoot, 'test/fixtures/seeds');
const seedDir = join(repoRoot, '../shared/seeds');

const SEVERITY_NAMES: Record<string, number> = { error: 1, warning: 2, info: 3, hint: 4 };
/** Codes produced outside the rule catalogue. */
const BUILT_IN_CODES = new Set(['schema', 'yaml-syntax', 'yaml-aliases', 'deprecated-api-version', 'template-placeholder']);
const REMOVED_API_VERSIONS = ['apps/v1beta1', 'apps/v1beta2', 'extensions/v1beta1', 'networking.k8s.io/v1beta1'];

interface Expected {
  code: string;
  /** Only checked when the header names it, e.g. `ref-secret-missing (hint)`. */
  severity?: number;
}

interface Fixture {
  name: string;
  uri: string;
  text: string;
  seedFile: string;
  seedLine: number;
  expected: Expected[];
  falsePositives: Expected[];
}

function parseHeader(name: string, text: string): Omit<Fixture, 'name' | 'uri' | 'text'> {
  const header = text.split('\n', 1)[0];
  const match = /^# seeds\/(\S+):(\d+) — .+; expect: (.+?)(?:; false positive: (.+))?$/.exec(header);
  assert.ok(match, `${name}: first line must read "# seeds/<file>:<line> — <what>; expect: <none | codes>"`);
  const codes = (list: string | undefined) =>
    list === undefined || list.trim() === 'none'
      ? []
      : list.split(',').map((item): Expected => {
          const m = /^([a-z0-9-]+)(?: \((error|warning|info|hint)\))?$/.exec(item.trim());
          assert.ok(m, `${name}: cannot read expectation "${item.trim()}"`);
          return { code: m[1], severity: m[2] ? SEVERITY_NAMES[m[2]] : undefined };
        });
  return { seedFile: match[1], seedLine: Number(match[2]), expected: codes(match[3]), falsePositives: codes(match[4]) };
}

const implemented = (e: Expected) => BUILT_IN_CODES.has(e.code) || ruleById(e.code) !== undefined;

function loadFixtures(): Fixture[] {
  return readdirSync(fixtureDir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(fixtureDir, name), 'utf8');
      return { name, uri: pathToFileURL(join(fixtureDir, name)).href, text, ...parseHeader(name, text) };
    });
}

const fixtures = loadFixtures();
const bySeed = new Map<string, Fixture[]>();
for (const f of fixtures) bySeed.set(f.seedFile, [...(bySeed.get(f.seedFile) ?? []), f]);

/** A fresh service holding every fixture of one seed file. */
function workspaceOf(seedFixtures: Fixture[]): LanguageService {
  const service = createLanguageService({ schemas });
  for (const f of seedFixtures) service.setDocument(f.uri, f.text, 1);
  return service;
}

function matches(actual: Diagnostic[], expected: Expected[]): boolean {
  const remaining = [...actual];
  for (const e of expected) {
    const i = remaining.findIndex((d) => d.code === e.code && (e.severity === undefined || d.severity === e.severity));
    if (i < 0) return false;
    remaining.splice(i, 1);
  }
  return remaining.length === 0;
}

const describeExpected = (expected: Expected[]) =>
  expected.length === 0
    ? 'none'
    : expected.map((e) => (e.severity ? `${e.code} (${Object.keys(SEVERITY_NAMES)[e.severity - 1]})` : e.code)).join(', ');

test('the seed fixtures cover every seed file and name real lines of them', () => {
  assert.ok(fixtures.length >= 55, `only ${fixtures.length} fixtures`);
  assert.equal(bySeed.size, 5);
  if (!existsSync(seedDir)) return; // the course material sits beside the repository, not in it
  for (const f of fixtures) {
    const lines = readFileSync(join(seedDir, f.seedFile), 'utf8').split('\n');
    const firstManifestLine = f.text.split('\n').slice(1).find((l) => l.trim() !== '')!;
    assert.equal(lines[f.seedLine - 1]?.trim(), firstManifestLine.replace(/^--(?=apiVersion)/, '').trim(), `${f.name}: seed line`);
  }
});

for (const [seedFile, seedFixtures] of bySeed) {
  describe(`seeds/${seedFile}, indexed together`, () => {
    const service = workspaceOf(seedFixtures);
    for (const f of seedFixtures) {
      test(`${f.name}: ${describeExpected(f.expected)}`, (t) => {
        const diagnostics = service.getDiagnostics(f.uri);
        const pending = f.expected.filter((e) => !implemented(e));
        if (pending.length > 0) t.diagnostic(`pending rules (not in the catalogue yet): ${describeExpected(pending)}`);
        const current = [...f.expected.filter(implemented), ...f.falsePositives];
        assert.ok(
          matches(diagnostics, current),
          `expected ${describeExpected(current)}${f.falsePositives.length ? ` (with known false positives ${describeExpected(f.falsePositives)}: remove them from the header once the rule no longer reports them)` : ''}, got:\n${summarize(diagnostics) || '(none)'}`,
        );
      });
    }
  });
}

describe('removed apiVersions in the seeds', () => {
  const removed = fixtures.filter((f) => REMOVED_API_VERSIONS.some((v) => new RegExp(`^apiVersion: ${v}\\s*$`, 'm').test(f.text)));

  test('the seeds use apps/v1beta1, apps/v1beta2, extensions/v1beta1 and networking.k8s.io/v1beta1', () => {
    const used = new Set(removed.flatMap((f) => REMOVED_API_VERSIONS.filter((v) => new RegExp(`^apiVersion: ${v}\\s*$`, 'm').test(f.text))));
    assert.deepEqual([...used].sort(), [...REMOVED_API_VERSIONS].sort());
  });

  for (const f of removed) {
    test(`${f.name}: deprecated-api-version first, then what the replacement's schema and the rules find`, () => {
      const diagnostics = workspaceOf(bySeed.get(f.seedFile)!).getDiagnostics(f.uri);
      assert.deepEqual(
        diagnostics.map((d) => d.code),
        f.expected.map((e) => e.code),
        summarize(diagnostics),
      );
      // Schema findings say which apiVersion they were checked as.
      for (const d of diagnostics.filter((d) => d.code === 'schema')) assert.match(d.message, /\(as \S+, which replaces \S+\)$/);
      const [d] = diagnostics;
      const lines = f.text.split('\n');
      const line = lines.findIndex((l) => REMOVED_API_VERSIONS.some((v) => l.trim() === `apiVersion: ${v}`));
      const version = lines[line].trim().slice('apiVersion: '.length);
      assert.equal(d.range.start.line, line, `on the apiVersion line: ${summarize(diagnostics)}`);
      const replacement = version === 'networking.k8s.io/v1beta1' ? 'networking.k8s.io/v1' : 'apps/v1';
      assert.ok(d.message.includes(replacement), `names ${replacement}: ${d.message}`);
    });
  }
});
