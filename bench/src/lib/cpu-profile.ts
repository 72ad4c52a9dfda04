import { Session } from 'node:inspector/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time of this process's JavaScript by where the code lives: a package, the app's own modules, Node itself. */
export interface CpuShare {
  where: string;
  share: number;
}

function placeOf(url: string, functionName: string): string {
  if (!url) return functionName === '(garbage collector)' ? 'garbage collection' : functionName === '(idle)' ? '(idle)' : `(native: ${functionName || 'anonymous'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const app = /\/(apps\/api\/src\/(?:platform|modules)\/[^/]+|packages\/domain|bench)\//.exec(url);
  if (app) return app[1]!;
  if (url.startsWith('node:')) return `node: ${url.slice(5).split('/')[0]}`;
  return url.replace(/^file:\/\//, '');
}

/**
 * Samples this process's CPU with the inspector's profiler while `work` runs and sums self time by
 * package (pg, drizzle-orm, fastify, zod …), the app's modules and Node's internals, idle excluded.
 */
export async function profileCpu<T>(work: () => Promise<T>): Promise<{ result: T; shares: CpuShare[] }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  let result: T;
  let profile: Profile;
  try {
    result = await work();
  } finally {
    profile = ((await session.post('Profiler.stop')) as { profile: Profile }).profile;
    await session.post('Profiler.disable');
    session.disconnect();
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]!);
    if (!node) continue;
    const where = placeOf(node.callFrame.url, node.callFrame.functionName);
    if (where === '(idle)') continue;
    totals.set(where, (totals.get(where) ?? 0) + (deltas[i] ?? 0));
  }
  const busy = [...totals.values()].reduce((a, b) => a + b, 0);
  const shares = [...totals]
    .map(([where, us]) => ({ where, share: busy ? us / busy : 0 }))
    .sort((a, b) => b.share - a.share);
  return { result, shares };
}
