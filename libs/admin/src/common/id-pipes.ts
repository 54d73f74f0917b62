export { IntegerIdPipe, UuidIdPipe } from '@activation/configuration';
