/**
 * `<prefix><subscription>-<UTC time the file was opened>-<file number>.<jsonl|csv>[.gz][.pgp]`, e.g.
 * `exports/vip-12-20260301T101500Z-000003.csv.gz`. Names sort in the order files were opened,
 * and the number makes two files opened in one second distinct.
 */
export function exportFileName(input: {
  namePrefix: string; subscriptionId: number; fileNumber: number; openedAt: Date; extension: string; gzip: boolean; encrypted?: boolean;
}): string {
  const time = input.openedAt.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  const number = String(input.fileNumber).padStart(6, '0');
  return `${input.namePrefix}${input.subscriptionId}-${time}-${number}.${input.extension}${input.gzip ? '.gz' : ''}${input.encrypted ? '.pgp' : ''}`;
}
