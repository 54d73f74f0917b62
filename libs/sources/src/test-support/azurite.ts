export { startAzurite, type RunningAzurite } from '@activation/testing'; // eslint-disable-line @nx/enforce-module-boundaries -- moved there; kept for specs still importing it from here
