import { killSpawnedProcesses } from '../process/spawn-ts';

// Integration specs wait on real brokers, databases and child processes.
jest.setTimeout(180_000);

// A failed spec must not leave a service process running after the suite.
afterAll(() => killSpawnedProcesses());
