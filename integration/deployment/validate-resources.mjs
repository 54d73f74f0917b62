// Validates Kubernetes resources (read as JSON from stdin) against the published schemas of the
// `kubernetes-models` packages, which ship only ES modules. Prints one result per resource.
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { ConfigMap, Namespace, Service } from 'kubernetes-models/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1';

const MODELS = { Deployment, HorizontalPodAutoscaler, Job, ConfigMap, Namespace, Service, PodDisruptionBudget, ScaledObject };

let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = JSON.parse(input).map((resource) => {
  const Model = MODELS[resource.kind];
  if (!Model) return { kind: resource.kind, name: resource.metadata?.name, error: `no schema for kind ${resource.kind}` };
  try {
    new Model(resource).validate();
    return { kind: resource.kind, name: resource.metadata.name, error: null };
  } catch (error) {
    return { kind: resource.kind, name: resource.metadata?.name, error: String(error.message ?? error) };
  }
});
process.stdout.write(JSON.stringify(results));
