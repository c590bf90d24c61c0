// How the statistics tab shares several files among Web Workers: as many workers as the device has
// cores (at most 4, never more than files), each given a run of consecutive files of about equal
// bytes — merging the runs' snapshots in order gives the report of all files in order.

/** Beyond this, more workers only compete for memory bandwidth and the main thread. */
export const MAX_WORKERS = 4;

/** How many workers analyse `count` files on a device with `cores` logical cores. */
export const workerCount = (count, cores) => Math.max(1, Math.min(count, MAX_WORKERS, cores || 1));

/**
 * Splits `files` (anything with a `size`) into `n` runs of consecutive files, each cut at the file
 * boundary nearest to its share of the bytes, every run at least one file (n ≤ files.length).
 */
export function splitFiles(files, n) {
  const before = [0]; // before[i]: the bytes of the files before file i
  for (const f of files) before.push(before[before.length - 1] + f.size);
  const total = before[files.length];
  const cuts = [0];
  for (let k = 1; k < n; k += 1) {
    const target = (total * k) / n;
    const last = files.length - (n - k); // leave one file for each run after this one
    let cut = cuts[k - 1] + 1;
    while (cut < last && Math.abs(before[cut + 1] - target) <= Math.abs(before[cut] - target)) cut += 1;
    cuts.push(cut);
  }
  cuts.push(files.length);
  return cuts.slice(1).map((end, k) => files.slice(cuts[k], end));
}
