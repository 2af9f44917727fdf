import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { loadConfig } from '@cairn/config';

const ROOT = join(__dirname, '..');
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
};

interface Container {
  name: string;
  command: string[];
  ports?: Array<{ name: string; containerPort: number }>;
  [probe: string]: unknown;
}
type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; spec?: any; data?: Record<string, string> };

const manifests = parseAllDocuments(readFileSync(join(ROOT, 'deploy/kubernetes/cairn.yaml'), 'utf8')).map((doc) => doc.toJS() as Manifest);
const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name)!;
const containerOf = (name: string): Container => find('Deployment', name).spec.template.spec.containers[0];
const config = find('ConfigMap', 'cairn-config').data!;
const sources = ['libs', 'apps', 'scripts'];

/** Whether Cairn's code reads an environment variable of this name (a ConfigMap key nobody reads is a typo). */
function isRead(name: string): boolean {
  const grep = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name !== 'generated' && grep(path);
      return entry.name.endsWith('.ts') && !entry.name.includes('spec') && readFileSync(path, 'utf8').includes(name);
    });
  return sources.some((dir) => grep(join(ROOT, dir)));
}

describe('the Kubernetes manifests (deploy/kubernetes)', () => {
  it.each(manifests.map((m) => [`${m.kind} ${m.metadata.name}`, m] as const))('%s is valid against the Kubernetes schema', (_name, m) => {
    const Model = MODELS[`${m.apiVersion}/${m.kind}`];
    expect(Model).toBeDefined();
    expect(() => new Model(m as never).validate()).not.toThrow();
  });

  it('runs one role per Deployment, from files the build makes', () => {
    for (const [deployment, entry] of [
      ['cairn-api', 'apps/api/src/main'],
      ['cairn-worker', 'apps/worker/src/main'],
    ]) {
      expect(containerOf(deployment).command).toEqual(['node', `dist/${entry}.js`]);
      expect(existsSync(join(ROOT, `${entry}.ts`))).toBe(true);
    }
    const migrate = find('Job', 'cairn-migrate').spec.template.spec.containers[0] as Container;
    expect(migrate.command).toEqual(['node', 'dist/scripts/migrate.js']);
    expect(existsSync(join(ROOT, 'scripts/migrate.ts'))).toBe(true);
  });

  it('probes each process on its own health endpoints and ports', () => {
    for (const [deployment, port, portName] of [
      ['cairn-api', config.PORT, 'http'],
      ['cairn-worker', config.WORKER_HEALTH_PORT, 'health'],
    ]) {
      const container = containerOf(deployment);
      expect(container.ports).toContainEqual({ name: portName, containerPort: Number(port) });
      for (const [probe, path] of [
        ['startupProbe', '/health/live'],
        ['livenessProbe', '/health/live'],
        ['readinessProbe', '/health/ready'],
      ]) {
        expect(container[probe]).toMatchObject({ httpGet: { path, port: portName } });
      }
    }
    // The worker's health server listens on loopback unless told otherwise; a probe comes from outside the pod.
    expect(config.WORKER_HEALTH_HOST).toBe('0.0.0.0');
  });

  it('selects its own pods: services, budgets and the autoscaler point at what exists', () => {
    for (const name of ['cairn-api', 'cairn-worker']) {
      const { selector, template } = find('Deployment', name).spec;
      expect(template.metadata.labels).toMatchObject(selector.matchLabels);
      expect(find('PodDisruptionBudget', name).spec.selector).toEqual(selector);
    }
    expect(find('Service', 'cairn-api').spec.selector).toEqual(find('Deployment', 'cairn-api').spec.selector.matchLabels);
    expect(find('HorizontalPodAutoscaler', 'cairn-api').spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'cairn-api',
    });
  });

  it("holds a configuration Cairn accepts, of variables Cairn reads; pods don't race the migration Job", () => {
    const secrets = { DATABASE_URL: 'postgresql://cairn@db:5432/cairn', REDIS_URL: 'redis://redis:6379', SMTP_URL: 'smtp://mail:25' };
    expect(() => loadConfig({ ...config, ...secrets })).not.toThrow();
    expect(loadConfig({ ...config, ...secrets })).toMatchObject({ migrateOnStart: false, port: 3000, workerHealthPort: 3001 });
    expect(Object.keys(config).filter((name) => !isRead(name))).toEqual([]);
  });
});
