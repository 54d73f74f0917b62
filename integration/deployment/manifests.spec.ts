import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import { execFileSync } from 'node:child_process';
import { PATH_METADATA } from '@nestjs/common/constants';
import { HealthController } from '@activation/service-runtime';
import { loadConfig, PlatformSettings } from '@activation/config';

const ROOT = join(__dirname, '..', '..');
const BASE = join(ROOT, 'k8s', 'base');
const SERVICES = ['admin-api', 'ingester', 'evaluator', 'emitter-eventhubs', 'emitter-lytics', 'function-invoker'];

/** Validates with the `kubernetes-models` schemas in a Node process of its own (they are ES modules). */
function validateResources(resources: object[]): Array<{ kind: string; name: string; error: string | null }> {
  const output = execFileSync(process.execPath, [join(__dirname, 'validate-resources.mjs')], {
    cwd: ROOT,
    input: JSON.stringify(resources),
  });
  return JSON.parse(output.toString());
}

// Manifests are free-form YAML; the schema validation above is what types them.
type Manifest = { kind: string; metadata: { name: string }; spec?: any };

function baseManifests(): Manifest[] {
  const kustomization = parse(readFileSync(join(BASE, 'kustomization.yaml'), 'utf8'));
  return (kustomization.resources as string[]).flatMap((file) =>
    parseAllDocuments(readFileSync(join(BASE, file), 'utf8')).map((doc) => doc.toJS() as Manifest),
  );
}

async function settingsOf(service: string): Promise<Record<string, unknown>> {
  const module = await import(join(ROOT, 'apps', service, 'src', 'app', 'settings.ts'));
  const type = Object.values(module).find((value) => typeof value === 'function') as new () => object;
  return loadConfig(type as never, {}) as Record<string, unknown>;
}

describe('Kubernetes manifests', () => {
  const manifests = baseManifests();

  it('lists every file of the base in its kustomization', () => {
    const listed = new Set(parse(readFileSync(join(BASE, 'kustomization.yaml'), 'utf8')).resources);
    const files = readdirSync(BASE).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
    expect(files.filter((file) => !listed.has(file))).toEqual([]);
  });

  it('validates every resource against the Kubernetes and KEDA schemas', () => {
    const results = validateResources(manifests);
    expect(results).toHaveLength(manifests.length);
    expect(results.filter((result) => result.error !== null)).toEqual([]);
  });

  it('rejects an invalid resource (the validation is real)', () => {
    const broken = JSON.parse(JSON.stringify(manifests.find((m) => m.kind === 'Deployment')));
    broken.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    const [result] = validateResources([broken]);
    expect(result.error).toContain('containerPort');
  });

  it.each(SERVICES)('%s has a Deployment that matches what the app serves', async (service) => {
    const deployment = manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === service)!;
    expect(deployment).toBeDefined();
    const container = deployment.spec.template.spec.containers[0];
    const settings = await settingsOf(service);

    const port = container.ports[0].containerPort;
    expect(container.env.find((e: { name: string }) => e.name === 'PORT').value).toBe(String(port));
    expect(port).toBe(settings['PORT']);

    const healthPath = Reflect.getMetadata(PATH_METADATA, HealthController);
    const live = Reflect.getMetadata(PATH_METADATA, HealthController.prototype.live);
    const ready = Reflect.getMetadata(PATH_METADATA, HealthController.prototype.ready);
    expect(container.livenessProbe.httpGet.path).toBe(`/${healthPath}/${live}`);
    expect(container.readinessProbe.httpGet.path).toBe(`/${healthPath}/${ready}`);

    const configMapKeys = parse(readFileSync(join(BASE, 'kustomization.yaml'), 'utf8'))
      .configMapGenerator[0].literals.map((literal: string) => literal.split('=')[0]);
    const envNames = [...container.env.map((e: { name: string }) => e.name), ...configMapKeys];
    for (const name of envNames) expect({ service, name, known: name in settings }).toEqual({ service, name, known: true });
    // What every service needs from outside: the database and the keys of the stored secrets.
    for (const name of ['DATABASE_URL', 'SECRETS_KEYS']) {
      const from = container.env.find((e: { name: string }) => e.name === name)?.valueFrom?.secretKeyRef;
      expect({ service, name, from }).toEqual({ service, name, from: { name: 'activation-secrets', key: name } });
    }

    const grace = deployment.spec.template.spec.terminationGracePeriodSeconds;
    expect(grace * 1000).toBeGreaterThan(Number(settings['SHUTDOWN_TIMEOUT_MS']));
    expect(container.resources.requests).toBeDefined();
    expect(container.resources.limits).toBeDefined();
    const budget = manifests.find((m) => m.kind === 'PodDisruptionBudget' && m.metadata.name === service)!;
    // At one replica a minAvailable of 1 would block every node drain.
    expect(budget.spec).toEqual(expect.objectContaining({ maxUnavailable: 1 }));
    expect(budget.spec.minAvailable).toBeUndefined();
    // The autoscaler owns the replica count; a fixed one would be reset on every apply.
    expect(deployment.spec.replicas).toBeUndefined();
  });

  it('runs the migrations as a Job of the admin-api image, with a command the build produces', () => {
    const job = manifests.find((m) => m.kind === 'Job' && m.metadata.name === 'activation-migrate')!;
    expect(job).toBeDefined();
    const adminApi = manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === 'admin-api')!;
    const pod = job.spec.template.spec;
    const [container] = pod.containers;
    expect(container.image).toBe(adminApi.spec.template.spec.containers[0].image);
    expect(container.command).toEqual(['node', 'migrate.js']);

    // The admin-api build bundles `migrate.js` from the source of `npm run migrate`. Nx reads
    // webpack configs this way too: the flag defers what needs a running Nx task.
    const migrateScript = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.migrate as string;
    const cliSource = join(ROOT, migrateScript.split(' ').find((word) => word.endsWith('.ts'))!);
    const flagged = global as { NX_GRAPH_CREATION?: boolean };
    flagged.NX_GRAPH_CREATION = true;
    try {
      const config = require(join(ROOT, 'apps', 'admin-api', 'webpack.config.js'));
      expect(config.entry.migrate.import).toEqual([cliSource]);
      expect(config.output.path).toBe(join(ROOT, 'dist', 'apps', 'admin-api'));
    } finally {
      delete flagged.NX_GRAPH_CREATION;
    }
    // The runtime image copies that directory to its working directory, where `node migrate.js` runs.
    expect(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')).toContain('COPY --from=build /workspace/dist/apps/${APP}/ ./');

    const settings = loadConfig(PlatformSettings, {}) as unknown as Record<string, unknown>;
    const configMapKeys = parse(readFileSync(join(BASE, 'kustomization.yaml'), 'utf8'))
      .configMapGenerator[0].literals.map((literal: string) => literal.split('=')[0]);
    for (const name of [...container.env.map((e: { name: string }) => e.name), ...configMapKeys]) expect({ name, known: name in settings }).toEqual({ name, known: true });
    expect(container.env.find((e: { name: string }) => e.name === 'DATABASE_URL').valueFrom.secretKeyRef).toEqual({ name: 'activation-secrets', key: 'DATABASE_URL' });
    expect(container.envFrom).toEqual(adminApi.spec.template.spec.containers[0].envFrom);

    expect(pod.restartPolicy).toBe('Never');
    expect(job.spec.backoffLimit).toBeLessThanOrEqual(3);
    expect(job.spec.ttlSecondsAfterFinished).toBeGreaterThan(0);
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(container.resources.requests).toBeDefined();
    expect(container.resources.limits).toBeDefined();
  });

  it('scales consumers on lag without exceeding the partition count, and HTTP services on CPU', () => {
    const partitions = Number(
      parse(readFileSync(join(BASE, 'kustomization.yaml'), 'utf8'))
        .configMapGenerator[0].literals.find((l: string) => l.startsWith('KAFKA_TOPIC_PARTITIONS='))
        .split('=')[1],
    );
    const scaled = manifests.filter((m) => m.kind === 'ScaledObject');
    expect(scaled.map((m) => m.metadata.name).sort()).toEqual(['emitter-eventhubs', 'emitter-lytics', 'evaluator', 'function-invoker']);
    for (const object of scaled) {
      expect(object.spec.maxReplicaCount).toBeLessThanOrEqual(partitions);
      expect(object.spec.triggers[0].type).toBe('kafka');
      expect(object.spec.triggers[0].metadata.consumerGroup).toBe(object.metadata.name);
      // Lag is read from the brokers the service uses, so an overlay's KAFKA_BROKERS reaches the trigger too.
      for (const trigger of object.spec.triggers) {
        expect({ name: object.metadata.name, metadata: trigger.metadata }).toEqual({
          name: object.metadata.name,
          metadata: expect.objectContaining({ bootstrapServersFromEnv: 'KAFKA_BROKERS' }),
        });
        expect(trigger.metadata.bootstrapServers).toBeUndefined();
      }
    }
    // The event export runs in emitter-lytics: its lag scales that Deployment too.
    const lytics = scaled.find((m) => m.metadata.name === 'emitter-lytics')!;
    expect(lytics.spec.triggers.map((t: { metadata: { consumerGroup: string } }) => t.metadata.consumerGroup)).toEqual(['emitter-lytics', 'event-export']);
    const hpas = manifests.filter((m) => m.kind === 'HorizontalPodAutoscaler').map((m) => m.metadata.name).sort();
    expect(hpas).toEqual(['admin-api', 'ingester']);
    const services = manifests.filter((m) => m.kind === 'Service').map((m) => m.metadata.name).sort();
    expect(services).toEqual(['admin-api', 'ingester']);
  });

  it('has an overlay whose images, patches and partition count agree with the base', () => {
    const overlayDir = join(ROOT, 'k8s', 'overlays', 'production');
    const overlay = parse(readFileSync(join(overlayDir, 'kustomization.yaml'), 'utf8'));
    expect(overlay.resources).toEqual(['../../base']);
    const baseImages = manifests.filter((m) => m.kind === 'Deployment').map((m) => m.spec.template.spec.containers[0].image.split(':')[0]);
    expect(overlay.images.map((i: { name: string }) => i.name).sort()).toEqual(baseImages.sort());
    for (const patch of overlay.patches) expect(existsSync(join(overlayDir, patch.path))).toBe(true);
    const maxReplicas = parse(readFileSync(join(overlayDir, 'consumer-replicas.yaml'), 'utf8'))[0].value;
    const partitions = Number(
      overlay.configMapGenerator[0].literals.find((l: string) => l.startsWith('KAFKA_TOPIC_PARTITIONS=')).split('=')[1],
    );
    expect(maxReplicas).toBeLessThanOrEqual(partitions);
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });

  it.each(SERVICES)('runs %s with settings the app knows and its image built by APP', async (service) => {
    const definition = compose.services[service];
    expect(definition).toBeDefined();
    expect(definition.build.args.APP).toBe(service);
    const settings = await settingsOf(service);
    for (const name of Object.keys(definition.environment)) expect({ service, name, known: name in settings }).toEqual({ service, name, known: true });
    // Secrets cannot be stored or read without keys: compose refuses to start without them.
    expect(definition.environment.SECRETS_KEYS).toMatch(/^\$\{SECRETS_KEYS:\?/);
    if (service === 'admin-api') expect(definition.environment.ADMIN_BOOTSTRAP_KEY).toMatch(/^\$\{ADMIN_BOOTSTRAP_KEY:\?/);
  });

  it('starts Kafka in KRaft mode and PostgreSQL with health checks, and migrates before the services', () => {
    expect(compose.services.kafka.environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(compose.services.kafka.healthcheck).toBeDefined();
    expect(compose.services.postgres.healthcheck).toBeDefined();
    for (const service of SERVICES) {
      expect(compose.services[service].depends_on.migrate.condition).toBe('service_completed_successfully');
    }
  });

  it('gives every long-running service a health check, the apps one on their readiness path', () => {
    const running = Object.keys(compose.services).filter((name) => name !== 'migrate');
    expect(running.filter((name) => !compose.services[name].healthcheck)).toEqual([]);
    const ready = `/${Reflect.getMetadata(PATH_METADATA, HealthController)}/${Reflect.getMetadata(PATH_METADATA, HealthController.prototype.ready)}`;
    for (const service of SERVICES) expect(compose.services[service].healthcheck.test.join(' ')).toContain(ready);
  });

  it('runs Azurite with Blob storage only, and the Lytics emitter waits for it', () => {
    const azurite = compose.services.azurite;
    expect(azurite.image).toMatch(/^mcr\.microsoft\.com\/azure-storage\/azurite/);
    expect(azurite.command[0]).toBe('azurite-blob');
    expect(azurite.command).toEqual(expect.arrayContaining(['--blobHost', '0.0.0.0', '--skipApiVersionCheck', '--loose', '--disableTelemetry']));
    expect(compose.services['emitter-lytics'].depends_on.azurite.condition).toBe('service_healthy');
    expect(compose.services['emitter-lytics'].depends_on.kafka.condition).toBe('service_healthy');
  });
});
