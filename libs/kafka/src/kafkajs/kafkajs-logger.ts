import { logLevel, type logCreator } from 'kafkajs';
import type { BusLogger } from '../bus/logger';

/** Routes kafkajs' own logging into the service's structured logger. */
export function kafkajsLogCreator(logger: BusLogger): logCreator {
  return () => ({ namespace, level, log }) => {
    const { message, ...rest } = log;
    const context = { component: `kafkajs.${namespace}`, ...rest };
    if (level === logLevel.ERROR) logger.error(context, message);
    else if (level === logLevel.WARN) logger.warn(context, message);
    else if (level === logLevel.INFO) logger.debug(context, message);
    else logger.debug(context, message);
  };
}
