/**
 * kafkajs 2.2.4's request queue schedules its throttle check with `throttledUntil - Date.now()`
 * while `throttledUntil` is -1, and Node 24 warns about every such negative timeout (it runs it
 * after 1 ms, which is what kafkajs meant). The warning says nothing an operator can act on, so
 * this one, raised from kafkajs' own code, is dropped; every other warning is printed as before.
 */
let installed = false;

export function quietKafkajsNegativeTimeoutWarning(): void {
  if (installed) return;
  installed = true;
  const printers = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (isKafkajsNegativeTimeout(warning)) return;
    for (const print of printers) print(warning);
  });
}

export function isKafkajsNegativeTimeout(warning: Error): boolean {
  return warning.name === 'TimeoutNegativeWarning' && /[\\/]kafkajs[\\/]/.test(warning.stack ?? '');
}
