// How fast this machine was in a run, so that entries measured on different machines can be
// compared. Two machines that both report "AMD EPYC", 2 cores and 23.5 GiB differed about
// twice in work that neither Kubedeck nor the cluster shapes (helm list -A, the renderer's own
// search and churn task), and nothing in an entry said so.
//
// The same fixed work is timed in the bench's Node and in a blank Chromium page: names like the
// bench's pods from a fixed seed, sorted, then rows made of them through a JSON round trip (the
// kind of work a list does). The function is handed to the page as its source, so it uses
// nothing from outside itself.

/** Times the work `reps` times after one untimed pass; milliseconds of each. */
export function timeFixedWork(reps: number): number[] {
  const work = () => {
    let seed = 42;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const names: string[] = [];
    for (let i = 0; i < 30_000; i++) names.push(`load-${String(i % 50).padStart(2, "0")}/api-${next().toString(36)}-${(next() % 99_999).toString(36)}`);
    names.sort();
    const rows = names.map((name, i) => ({ key: name, cells: [name, "1/1", "Running", String(i % 7), `${i % 90}m`] }));
    return (JSON.parse(JSON.stringify(rows)) as unknown[]).length;
  };
  work();
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    work();
    out.push(performance.now() - t0);
  }
  return out;
}
