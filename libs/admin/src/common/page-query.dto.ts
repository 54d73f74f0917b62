export { PageQueryDto, pageOf } from '@activation/configuration';
