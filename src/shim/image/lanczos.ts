/**
 * PIL's `Image.resize(size, LANCZOS)`, in Pillow's order
 * (ImagingResampleInner): horizontal pass first over only the input rows the
 * vertical pass will read, then the vertical pass; a pass whose dimension
 * does not change is skipped, and an unchanged size is a copy. Each pass can
 * be split by output rows across the image workers: rows are independent, so
 * the pixels are the same either way.
 */
import type { RgbImage } from '../backend.js';
import { lanczosCoefficients, type ResampleCoefficients } from './lanczos-coefficients.js';
import { LANCZOS_KERNELS_WASM } from './lanczos-kernels-wasm.js';
import { instantiateLanczosKernels, lanczosHorizontalRows, lanczosVerticalRows, type LanczosKernels } from './lanczos-passes.js';
import { releaseBytes, sharedBytes, withShared } from './shared-bytes.js';
import type { WorkerTask } from './worker-source.js';
import { splitRows, type ImagePool } from './worker-pool.js';

interface LanczosPlan {
  horizontal?: ResampleCoefficients;
  vertical?: ResampleCoefficients;
  /** First input row the vertical pass reads (0 when the horizontal pass is skipped). */
  firstRow: number;
  /** Rows of the intermediate image. */
  tempHeight: number;
}

function planLanczos(inWidth: number, inHeight: number, width: number, height: number): LanczosPlan {
  const vertical = height !== inHeight ? lanczosCoefficients(inHeight, height) : undefined;
  const horizontal = width !== inWidth ? lanczosCoefficients(inWidth, width) : undefined;
  if (!vertical || !horizontal) return { horizontal, vertical, firstRow: 0, tempHeight: inHeight };
  const firstRow = vertical.bounds[0];
  const lastRow = vertical.bounds[height * 2 - 2] + vertical.bounds[height * 2 - 1];
  // The vertical pass then reads the intermediate image, which starts at firstRow.
  for (let i = 0; i < height; i++) vertical.bounds[i * 2] -= firstRow;
  return { horizontal, vertical, firstRow, tempHeight: lastRow - firstRow };
}

let kernels: LanczosKernels | undefined;

/** On this thread. */
export function lanczosResizeSync(image: RgbImage, width: number, height: number): RgbImage {
  if (width === image.width && height === image.height) return { width, height, data: Buffer.from(image.data) };
  kernels ??= instantiateLanczosKernels(LANCZOS_KERNELS_WASM);
  const plan = planLanczos(image.width, image.height, width, height);
  let src: Buffer = image.data;
  if (plan.horizontal) {
    const temp = Buffer.allocUnsafe(width * plan.tempHeight * 3);
    lanczosHorizontalRows(kernels, src, image.width, temp, width, plan.horizontal, plan.firstRow, 0, plan.tempHeight);
    src = temp;
  }
  if (!plan.vertical) return { width, height, data: src };
  const out = Buffer.allocUnsafe(width * height * 3);
  lanczosVerticalRows(kernels, src, out, width, plan.vertical, 0, height);
  return { width, height, data: out };
}

/** Both passes split by rows across the pool; the result is on shared memory. */
export async function lanczosResizeParallel(image: RgbImage, width: number, height: number, pool: ImagePool): Promise<RgbImage> {
  if (width === image.width && height === image.height) return { width, height, data: Buffer.from(image.data) };
  const plan = planLanczos(image.width, image.height, width, height);
  const parts = pool.size * 2; // more parts than threads evens out a busy core
  const rows = (total: number, task: (a: number, b: number) => WorkerTask) => Promise.all(splitRows(total, parts).map(([a, b]) => pool.run(task(a, b))));
  return withShared(image.data, async (input) => {
    const { horizontal, vertical } = plan;
    if (!horizontal) {
      const out = sharedBytes(width * height * 3, false);
      await rows(height, (a, b) => ({ op: 'lanczos-v', args: [input, out, width, vertical!, a, b] }));
      return { width, height, data: out };
    }
    const temp = sharedBytes(width * plan.tempHeight * 3, false);
    await rows(plan.tempHeight, (a, b) => ({ op: 'lanczos-h', args: [input, image.width, temp, width, horizontal, plan.firstRow, a, b] }));
    if (!vertical) return { width, height, data: temp };
    try {
      const out = sharedBytes(width * height * 3, false);
      await rows(height, (a, b) => ({ op: 'lanczos-v', args: [temp, out, width, vertical, a, b] }));
      return { width, height, data: out };
    } finally {
      releaseBytes(temp);
    }
  });
}
