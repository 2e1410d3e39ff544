/**
 * v2-param's one rule (issue 11, "Parameters"): every V2 field present in a `/v2/upscale` body (V3 accepts none
 * under its V2 name) is reported exactly once, with its fate: it moves to a V3 field, it needs the shim (and why),
 * it has no effect with these values, or V3 dropped it; and each message says what fix does with it. RuleTester
 * style: each case is code and the exact messages, in source order. Every case is also run through fix, and what
 * the message promises is checked against the output: "fix moves it" / "fix removes it" -> the V2 key is gone
 * from a V3 body; "fix keeps it" / "fix routes this call to the compat shim" -> the call goes to the shim with its
 * V2 body as it was.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCrossFileResolver } from '../../src/engine/resolver.js';
import { lintText } from '../../src/lint/lint-text.js';
import { transformSource } from '../../transforms/upscale-v2-to-v3.js';

/** A closed task flow in one function (submit, poll of its id, image read): fix can write it as V3 when the body allows. */
const fetchFlow = (body: string) => `export async function go(image: string, v: number) {
  const res = await fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify(${body}) });
  const taskId = (await res.json()).data.task_id;
  const poll = await fetch(\`https://api.novita.ai/v2/progress?task_id=\${taskId}\`);
  return (await poll.json()).data.imgs;
}
`;
/** The same through novita-sdk 1.x (which sends `upscaler_2` = `R-ESRGAN 4x+` itself when it is absent). */
const sdkFlow = (body: string) => `import { NovitaSDK } from 'novita-sdk';
const sdk = new NovitaSDK('key');
export async function go(image: string) {
  const { task_id } = await sdk.upscale(${body});
  const progress = await sdk.progress({ task_id });
  return progress.imgs;
}
`;

const V3 = 'fix moves it';
const SHIM = 'fix routes this call to the compat shim';

interface Case {
  code: string;
  /** v2-param's messages, in source order. */
  messages: string[];
  /** Where fix sends the submit. */
  fix: 'plain-v3' | 'shim';
}

const CASES: Record<string, Case> = {
  // --- moves, both ways: written as V3 (fix moves it), or kept for the shim.
  'moves: plain V3': {
    code: fetchFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }"),
    messages: [
      `\`image\` moves to \`request.image_base64\`; ${V3}`,
      `\`upscaler_1\` = "R-ESRGAN 4x+ Anime6B" moves to \`request.model_name\` as \`RealESRGAN_x4plus_anime_6B\`; ${V3}`,
      `\`upscaling_resize\` = 2 moves to \`request.scale_factor\`; ${V3}`,
    ],
    fix: 'plain-v3',
  },
  'moves: a substituted model names the nearest V3 model': {
    code: fetchFlow("{ image, upscaler_1: 'ESRGAN_4x' }"),
    messages: [`\`image\` moves to \`request.image_base64\`; ${V3}`, `\`upscaler_1\` = "ESRGAN_4x" moves to \`request.model_name\` as \`4x-UltraSharp\` (the nearest V3 model); ${V3}`],
    fix: 'plain-v3',
  },
  'moves, in a call that needs the shim: kept': {
    code: fetchFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2, gfpgan_visibility: 0.4 }"),
    messages: [
      '`image` moves to `request.image_base64` on V3; fix keeps it, as this call needs the compat shim: `gfpgan_visibility` has no V3 equivalent',
      '`upscaler_1` = "R-ESRGAN 4x+ Anime6B" moves to `request.model_name` as `RealESRGAN_x4plus_anime_6B` on V3; fix keeps it, as this call needs the compat shim: `gfpgan_visibility` has no V3 equivalent',
      '`upscaling_resize` = 2 moves to `request.scale_factor` on V3; fix keeps it, as this call needs the compat shim: `gfpgan_visibility` has no V3 equivalent',
      `\`gfpgan_visibility\` has no V3 equivalent; ${SHIM}`,
    ],
    fix: 'shim',
  },
  // --- needs the shim, both ways: a value V3 cannot express, and the same field at a value with no effect.
  'needs the shim: a factor outside (1, 4], a local upscaler': {
    code: fetchFlow("{ image, upscaler_1: 'Lanczos', upscaling_resize: 6 }"),
    messages: [
      '`image` moves to `request.image_base64` on V3; fix keeps it, as this call needs the compat shim: `upscaler_1` = "Lanczos" has no V3 model',
      `\`upscaler_1\` = "Lanczos" has no V3 model; ${SHIM}`,
      `\`upscaling_resize\` = 6 is outside V3's \`request.scale_factor\` range (1, 4]; ${SHIM}`,
    ],
    fix: 'shim',
  },
  'no effect: face restoration at 0, a mode-0 `resize_mode`': {
    code: fetchFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', resize_mode: 0, gfpgan_visibility: 0, codeformer_visibility: 0 }"),
    messages: [
      `\`image\` moves to \`request.image_base64\`; ${V3}`,
      `\`upscaler_1\` = "R-ESRGAN 4x+ Anime6B" moves to \`request.model_name\` as \`RealESRGAN_x4plus_anime_6B\`; ${V3}`,
      '`resize_mode` = 0 has no effect here (V3 always scales by `request.scale_factor`, as mode 0 did); fix removes it',
      '`gfpgan_visibility` = 0 has no effect here (no GFPGAN pass); fix removes it',
      '`codeformer_visibility` = 0 has no effect here (no CodeFormer pass); fix removes it',
    ],
    fix: 'plain-v3',
  },
  // --- no effect, both ways: removed from a V3 body, kept in a shim call (the shim ignores it, as V2 did).
  'no effect, in a call that needs the shim: kept': {
    code: fetchFlow("{ image, upscaler_1: 'Nearest', gfpgan_visibility: 0 }"),
    messages: [
      '`image` moves to `request.image_base64` on V3; fix keeps it, as this call needs the compat shim: `upscaler_1` = "Nearest" has no V3 model',
      `\`upscaler_1\` = "Nearest" has no V3 model; ${SHIM}`,
      '`gfpgan_visibility` = 0 has no effect here (no GFPGAN pass); fix keeps it (the shim ignores it, as V2 did), as this call needs the compat shim: `upscaler_1` = "Nearest" has no V3 model',
    ],
    fix: 'shim',
  },
  // --- dropped by V3, both ways; and at V3's own 3600 s it has no effect.
  'dropped: the TTL': {
    code: fetchFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', img_expire_ttl: 600 }"),
    messages: [
      `\`image\` moves to \`request.image_base64\`; ${V3}`,
      `\`upscaler_1\` = "R-ESRGAN 4x+ Anime6B" moves to \`request.model_name\` as \`RealESRGAN_x4plus_anime_6B\`; ${V3}`,
      '`img_expire_ttl` was dropped in V3 (V3 keeps results a fixed 3600 s); fix removes it',
    ],
    fix: 'plain-v3',
  },
  'dropped, in a call that needs the shim: kept': {
    code: fetchFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', img_expire_ttl: 600, resize_mode: 1, upscaling_resize_w: 1024 }"),
    messages: [
      '`image` moves to `request.image_base64` on V3; fix keeps it, as this call needs the compat shim: `resize_mode` = 1 has no V3 equivalent',
      '`upscaler_1` = "R-ESRGAN 4x+ Anime6B" moves to `request.model_name` as `RealESRGAN_x4plus_anime_6B` on V3; fix keeps it, as this call needs the compat shim: `resize_mode` = 1 has no V3 equivalent',
      '`img_expire_ttl` was dropped in V3 (V3 keeps results a fixed 3600 s); fix keeps it, as this call needs the compat shim: `resize_mode` = 1 has no V3 equivalent',
      `\`resize_mode\` = 1 has no V3 equivalent; ${SHIM}`,
      `\`upscaling_resize_w\` has no V3 equivalent; ${SHIM}`,
    ],
    fix: 'shim',
  },
  'no effect: a TTL of 3600 s, what V3 keeps': {
    code: fetchFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', img_expire_ttl: 3600 }"),
    messages: [
      `\`image\` moves to \`request.image_base64\`; ${V3}`,
      `\`upscaler_1\` = "R-ESRGAN 4x+ Anime6B" moves to \`request.model_name\` as \`RealESRGAN_x4plus_anime_6B\`; ${V3}`,
      '`img_expire_ttl` = 3600 has no effect here (V3 keeps results 3600 s too); fix removes it',
    ],
    fix: 'plain-v3',
  },
  // --- codeformer_weight: CodeFormer's fidelity, read by V2 only when codeformer_visibility > 0.
  'codeformer_weight without codeformer_visibility: no effect': {
    code: fetchFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', codeformer_weight: 0.7 }"),
    messages: [
      `\`image\` moves to \`request.image_base64\`; ${V3}`,
      `\`upscaler_1\` = "R-ESRGAN 4x+ Anime6B" moves to \`request.model_name\` as \`RealESRGAN_x4plus_anime_6B\`; ${V3}`,
      '`codeformer_weight` = 0.7 has no effect here (V2 reads it only when `codeformer_visibility` > 0, and `codeformer_visibility` is absent, which V2 took as 0); fix removes it',
    ],
    fix: 'plain-v3',
  },
  'codeformer_weight with codeformer_visibility 0: no effect': {
    code: fetchFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', codeformer_visibility: 0, codeformer_weight: 0.7 }"),
    messages: [
      `\`image\` moves to \`request.image_base64\`; ${V3}`,
      `\`upscaler_1\` = "R-ESRGAN 4x+ Anime6B" moves to \`request.model_name\` as \`RealESRGAN_x4plus_anime_6B\`; ${V3}`,
      '`codeformer_visibility` = 0 has no effect here (no CodeFormer pass); fix removes it',
      '`codeformer_weight` = 0.7 has no effect here (V2 reads it only when `codeformer_visibility` > 0, and `codeformer_visibility` is 0); fix removes it',
    ],
    fix: 'plain-v3',
  },
  'codeformer_weight with codeformer_visibility 0.5: needs the shim': {
    code: fetchFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', codeformer_visibility: 0.5, codeformer_weight: 0.7 }"),
    messages: [
      '`image` moves to `request.image_base64` on V3; fix keeps it, as this call needs the compat shim: `codeformer_visibility` has no V3 equivalent',
      '`upscaler_1` = "R-ESRGAN 4x+ Anime6B" moves to `request.model_name` as `RealESRGAN_x4plus_anime_6B` on V3; fix keeps it, as this call needs the compat shim: `codeformer_visibility` has no V3 equivalent',
      `\`codeformer_visibility\` has no V3 equivalent; ${SHIM}`,
      `\`codeformer_weight\` = 0.7 has no V3 equivalent (V2 reads it because \`codeformer_visibility\` = 0.5); ${SHIM}`,
    ],
    fix: 'shim',
  },
  'codeformer_weight with a codeformer_visibility not known statically: needs the shim': {
    code: fetchFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', codeformer_visibility: v, codeformer_weight: 0.7 }"),
    messages: [
      '`image` moves to `request.image_base64` on V3; fix keeps it, as this call needs the compat shim: `codeformer_visibility` has no V3 equivalent',
      '`upscaler_1` = "R-ESRGAN 4x+ Anime6B" moves to `request.model_name` as `RealESRGAN_x4plus_anime_6B` on V3; fix keeps it, as this call needs the compat shim: `codeformer_visibility` has no V3 equivalent',
      `\`codeformer_visibility\` has no V3 equivalent; ${SHIM}`,
      `\`codeformer_weight\` = 0.7 has no V3 equivalent (V2 reads it when \`codeformer_visibility\` > 0, which is not known statically); ${SHIM}`,
    ],
    fix: 'shim',
  },
  // --- upscaling_crop: read only in resize_mode 1.
  'upscaling_crop: false in resize_mode 0: no effect': {
    code: fetchFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', resize_mode: 0, upscaling_crop: false }"),
    messages: [
      `\`image\` moves to \`request.image_base64\`; ${V3}`,
      `\`upscaler_1\` = "R-ESRGAN 4x+ Anime6B" moves to \`request.model_name\` as \`RealESRGAN_x4plus_anime_6B\`; ${V3}`,
      '`resize_mode` = 0 has no effect here (V3 always scales by `request.scale_factor`, as mode 0 did); fix removes it',
      '`upscaling_crop` = false has no effect here (V2 reads it only in `resize_mode` 1, and `resize_mode` is 0); fix removes it',
    ],
    fix: 'plain-v3',
  },
  'upscaling_crop with no resize_mode (V2 default 0): no effect': {
    code: fetchFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_crop: true }"),
    messages: [
      `\`image\` moves to \`request.image_base64\`; ${V3}`,
      `\`upscaler_1\` = "R-ESRGAN 4x+ Anime6B" moves to \`request.model_name\` as \`RealESRGAN_x4plus_anime_6B\`; ${V3}`,
      '`upscaling_crop` = true has no effect here (V2 reads it only in `resize_mode` 1, and `resize_mode` is absent, which V2 took as 0); fix removes it',
    ],
    fix: 'plain-v3',
  },
  'upscaling_crop: true in resize_mode 1: needs the shim (and upscaling_resize has no effect there)': {
    code: fetchFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', resize_mode: 1, upscaling_resize: 2, upscaling_resize_w: 1024, upscaling_resize_h: 768, upscaling_crop: true }"),
    messages: [
      '`image` moves to `request.image_base64` on V3; fix keeps it, as this call needs the compat shim: `resize_mode` = 1 has no V3 equivalent',
      '`upscaler_1` = "R-ESRGAN 4x+ Anime6B" moves to `request.model_name` as `RealESRGAN_x4plus_anime_6B` on V3; fix keeps it, as this call needs the compat shim: `resize_mode` = 1 has no V3 equivalent',
      `\`resize_mode\` = 1 has no V3 equivalent; ${SHIM}`,
      '`upscaling_resize` = 2 has no effect here (V2 reads it only in `resize_mode` 0, and `resize_mode` is 1); fix keeps it (the shim ignores it, as V2 did), as this call needs the compat shim: `resize_mode` = 1 has no V3 equivalent',
      `\`upscaling_resize_w\` has no V3 equivalent; ${SHIM}`,
      `\`upscaling_resize_h\` has no V3 equivalent; ${SHIM}`,
      `\`upscaling_crop\` has no V3 equivalent; ${SHIM}`,
    ],
    fix: 'shim',
  },
  'upscaling_resize with a resize_mode not known statically: needs the shim': {
    code: fetchFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', resize_mode: v, upscaling_resize: 2 }"),
    messages: [
      '`image` moves to `request.image_base64` on V3; fix keeps it, as this call needs the compat shim: `resize_mode` is not known statically and only 0 has a V3 equivalent',
      '`upscaler_1` = "R-ESRGAN 4x+ Anime6B" moves to `request.model_name` as `RealESRGAN_x4plus_anime_6B` on V3; fix keeps it, as this call needs the compat shim: `resize_mode` is not known statically and only 0 has a V3 equivalent',
      `\`resize_mode\` is not known statically and only 0 has a V3 equivalent; ${SHIM}`,
      `\`upscaling_resize\` = 2 is read only in \`resize_mode\` 0, and \`resize_mode\` is not known statically; ${SHIM}`,
    ],
    fix: 'shim',
  },
  'a factor not known statically: needs the shim (or a runtime guard)': {
    code: fetchFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: v }"),
    messages: [
      "`image` moves to `request.image_base64` on V3; fix keeps it, as this call needs the compat shim: `upscaling_resize` is not known statically; V3 `request.scale_factor` only accepts (1, 4]",
      "`upscaler_1` = \"R-ESRGAN 4x+ Anime6B\" moves to `request.model_name` as `RealESRGAN_x4plus_anime_6B` on V3; fix keeps it, as this call needs the compat shim: `upscaling_resize` is not known statically; V3 `request.scale_factor` only accepts (1, 4]",
      "`upscaling_resize` is not known statically; V3 `request.scale_factor` only accepts (1, 4], so fix routes this call to the compat shim (or a runtime guard)",
    ],
    fix: 'shim',
  },
  // --- upscaler_2: blended by V2 only when extras_upscaler_2_visibility > 0 (absent: V2's default 0).
  'upscaler_2 at visibility 0: no effect': {
    code: fetchFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaler_2: 'R-ESRGAN 4x+', extras_upscaler_2_visibility: 0 }"),
    messages: [
      `\`image\` moves to \`request.image_base64\`; ${V3}`,
      `\`upscaler_1\` = "R-ESRGAN 4x+ Anime6B" moves to \`request.model_name\` as \`RealESRGAN_x4plus_anime_6B\`; ${V3}`,
      '`upscaler_2` = "R-ESRGAN 4x+" has no effect here (V2 reads it only when `extras_upscaler_2_visibility` > 0, and `extras_upscaler_2_visibility` is 0); fix removes it',
      '`extras_upscaler_2_visibility` = 0 has no effect here (nothing of a second upscaler is blended in); fix removes it',
    ],
    fix: 'plain-v3',
  },
  'upscaler_2 with no visibility: no effect': {
    code: fetchFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaler_2: 'R-ESRGAN 4x+' }"),
    messages: [
      `\`image\` moves to \`request.image_base64\`; ${V3}`,
      `\`upscaler_1\` = "R-ESRGAN 4x+ Anime6B" moves to \`request.model_name\` as \`RealESRGAN_x4plus_anime_6B\`; ${V3}`,
      '`upscaler_2` = "R-ESRGAN 4x+" has no effect here (V2 reads it only when `extras_upscaler_2_visibility` > 0, and `extras_upscaler_2_visibility` is absent, which V2 took as 0); fix removes it',
    ],
    fix: 'plain-v3',
  },
  'upscaler_2 at visibility 0.5: needs the shim': {
    code: fetchFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaler_2: 'R-ESRGAN 4x+', extras_upscaler_2_visibility: 0.5 }"),
    messages: [
      '`image` moves to `request.image_base64` on V3; fix keeps it, as this call needs the compat shim: `upscaler_2` has no V3 equivalent',
      '`upscaler_1` = "R-ESRGAN 4x+ Anime6B" moves to `request.model_name` as `RealESRGAN_x4plus_anime_6B` on V3; fix keeps it, as this call needs the compat shim: `upscaler_2` has no V3 equivalent',
      `\`upscaler_2\` has no V3 equivalent; ${SHIM}`,
      `\`extras_upscaler_2_visibility\` has no V3 equivalent; ${SHIM}`,
    ],
    fix: 'shim',
  },
  'upscaler_2 `None` at visibility 0.5: no effect': {
    code: fetchFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaler_2: 'None', extras_upscaler_2_visibility: 0.5 }"),
    messages: [
      `\`image\` moves to \`request.image_base64\`; ${V3}`,
      `\`upscaler_1\` = "R-ESRGAN 4x+ Anime6B" moves to \`request.model_name\` as \`RealESRGAN_x4plus_anime_6B\`; ${V3}`,
      '`upscaler_2` = "None" has no effect here (no second upscaler); fix removes it',
      '`extras_upscaler_2_visibility` = 0.5 has no effect here (V2 reads it only when `upscaler_2` names an upscaler other than `None`, and `upscaler_2` is "None"); fix removes it',
    ],
    fix: 'plain-v3',
  },
  'an upscaler_2 name V2 does not know, even at visibility 0: needs the shim (V2 answered code 2)': {
    code: fetchFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaler_2: 'SwinIR 4x', extras_upscaler_2_visibility: 0 }"),
    messages: [
      '`image` moves to `request.image_base64` on V3; fix keeps it, as this call needs the compat shim: `upscaler_2` = "SwinIR 4x" is not a V2 upscaler name (V2 answered code 2 ModelNotExist)',
      '`upscaler_1` = "R-ESRGAN 4x+ Anime6B" moves to `request.model_name` as `RealESRGAN_x4plus_anime_6B` on V3; fix keeps it, as this call needs the compat shim: `upscaler_2` = "SwinIR 4x" is not a V2 upscaler name (V2 answered code 2 ModelNotExist)',
      `\`upscaler_2\` = "SwinIR 4x" is not a V2 upscaler name (V2 answered code 2 ModelNotExist); ${SHIM}, which does the same`,
      '`extras_upscaler_2_visibility` = 0 has no effect here (nothing of a second upscaler is blended in); fix keeps it (the shim ignores it, as V2 did), as this call needs the compat shim: `upscaler_2` = "SwinIR 4x" is not a V2 upscaler name (V2 answered code 2 ModelNotExist)',
    ],
    fix: 'shim',
  },
  // The same fates through novita-sdk 1.x, whose own `upscaler_2` default is inert at visibility 0 / absent.
  'novita-sdk: upscaler_2 at visibility 0: no effect': {
    code: sdkFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaler_2: 'R-ESRGAN 4x+', extras_upscaler_2_visibility: 0 }"),
    messages: [
      `\`image\` moves to \`request.image_base64\`; ${V3}`,
      `\`upscaler_1\` = "R-ESRGAN 4x+ Anime6B" moves to \`request.model_name\` as \`RealESRGAN_x4plus_anime_6B\`; ${V3}`,
      '`upscaler_2` = "R-ESRGAN 4x+" has no effect here (V2 reads it only when `extras_upscaler_2_visibility` > 0, and `extras_upscaler_2_visibility` is 0); fix removes it',
      '`extras_upscaler_2_visibility` = 0 has no effect here (nothing of a second upscaler is blended in); fix removes it',
    ],
    fix: 'plain-v3',
  },
  'novita-sdk: visibility 0 with the SDK\'s own upscaler_2: no effect': {
    code: sdkFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', extras_upscaler_2_visibility: 0 }"),
    messages: [
      `\`image\` moves to \`request.image_base64\`; ${V3}`,
      `\`upscaler_1\` = "R-ESRGAN 4x+ Anime6B" moves to \`request.model_name\` as \`RealESRGAN_x4plus_anime_6B\`; ${V3}`,
      '`extras_upscaler_2_visibility` = 0 has no effect here (nothing of a second upscaler is blended in); fix removes it',
    ],
    fix: 'plain-v3',
  },
  'novita-sdk: visibility 0.5 with the SDK\'s own upscaler_2 (`R-ESRGAN 4x+`): needs the shim': {
    code: sdkFlow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', extras_upscaler_2_visibility: 0.5 }"),
    messages: [
      '`image` moves to `request.image_base64` on V3; fix keeps it, as this call needs the compat shim: `extras_upscaler_2_visibility` has no V3 equivalent',
      '`upscaler_1` = "R-ESRGAN 4x+ Anime6B" moves to `request.model_name` as `RealESRGAN_x4plus_anime_6B` on V3; fix keeps it, as this call needs the compat shim: `extras_upscaler_2_visibility` has no V3 equivalent',
      `\`extras_upscaler_2_visibility\` has no V3 equivalent; ${SHIM}`,
    ],
    fix: 'shim',
  },
  // --- a body fix cannot rebuild (built over statements) goes to the shim whole: nothing is removed.
  'a body built over several statements: kept for the shim': {
    code: `export async function go(image: string) {
  const body: Record<string, unknown> = { image, upscaler_1: 'R-ESRGAN 4x+ Anime6B' };
  body.gfpgan_visibility = 0;
  const res = await fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify(body) });
  const taskId = (await res.json()).data.task_id;
  const poll = await fetch(\`https://api.novita.ai/v2/progress?task_id=\${taskId}\`);
  return (await poll.json()).data.imgs;
}
`,
    messages: [
      '`image` moves to `request.image_base64` on V3; fix keeps it, as this call needs the compat shim: the body is built over several statements or spread from elsewhere',
      '`upscaler_1` = "R-ESRGAN 4x+ Anime6B" moves to `request.model_name` as `RealESRGAN_x4plus_anime_6B` on V3; fix keeps it, as this call needs the compat shim: the body is built over several statements or spread from elsewhere',
      '`gfpgan_visibility` = 0 has no effect here (no GFPGAN pass); fix keeps it (the shim ignores it, as V2 did), as this call needs the compat shim: the body is built over several statements or spread from elsewhere',
    ],
    fix: 'shim',
  },
};

const file = '/virtual/src/upscale.ts';
const lint = (code: string) => lintText(code, file, { resolver: createCrossFileResolver() }).messages;
const fix = (code: string) => transformSource(code, file, { resolver: createCrossFileResolver(), project: { blockingPolls: [] } });
const paramOf = (message: string) => /^`([a-z_0-9]+)`/.exec(message)![1]!;

describe('v2-param: every V2 field present, once, with its fate', () => {
  for (const [name, c] of Object.entries(CASES)) {
    describe(name, () => {
      it('reports each V2 field once, at the field, with its fate', () => {
        const messages = lint(c.code).filter((m) => m.ruleId === 'v2-param');
        expect(messages.map((m) => m.message)).toEqual(c.messages);
        const lines = c.code.split('\n');
        for (const m of messages) expect(lines[m.line - 1]!.slice(m.column - 1)).toMatch(new RegExp(`^(?:body\\.)?${paramOf(m.message)}\\b`));
      });

      it('fix does what the messages say', () => {
        const result = fix(c.code);
        expect(result.outcomes.find((o) => o.endpoint === 'upscale')?.kind).toBe(c.fix);
        const out = result.output!;
        for (const message of c.messages) {
          if (/; fix (?:moves|removes) it$/.test(message)) expect(c.fix, message).toBe('plain-v3');
          else expect(c.fix, message).toBe('shim');
        }
        if (c.fix === 'plain-v3') {
          // The submitted body is V3's alone: every V2 key is gone (moved or removed).
          const submitted = /(?:JSON\.stringify|sdk\.upscaleV3)\((\{[\s\S]*?\})\)/.exec(out)![1]!;
          const keys = [...submitted.matchAll(/([A-Za-z_0-9]+)\s*:|[{,]\s*([A-Za-z_0-9]+)\s*(?=[,}])/g)].map((m) => m[1] ?? m[2]);
          expect(keys).toEqual(['request', 'model_name', 'image_base64', 'scale_factor']);
        } else {
          // A shim call keeps its V2 body byte for byte: every field stays, and the shim reads it as V2 did.
          const body = /JSON\.stringify\((\{[^)]*\})\)|sdk\.upscale\((\{[^)]*\})\)|= (\{ image[^;]*\});/.exec(c.code)!;
          expect(out).toContain(body[1] ?? body[2] ?? body[3]);
          for (const message of c.messages) expect(out, message).toMatch(new RegExp(`\\b${paramOf(message)}\\b`));
        }
      });
    });
  }

  it('the same upscaler_2 fate on every path: v2-upscaler-name names only an upscaler_2 that runs', () => {
    const upscalerName = (code: string) => lint(code).filter((m) => m.ruleId === 'v2-upscaler-name').map((m) => m.message);
    for (const flow of [fetchFlow, sdkFlow]) {
      expect(upscalerName(flow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaler_2: 'R-ESRGAN 4x+', extras_upscaler_2_visibility: 0 }"))).toEqual([]);
      expect(upscalerName(flow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaler_2: 'R-ESRGAN 4x+' }"))).toEqual([]);
      expect(upscalerName(flow("{ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaler_2: 'R-ESRGAN 4x+', extras_upscaler_2_visibility: 0.5 }"))).toEqual([
        '`upscaler_2`: `R-ESRGAN 4x+` has no identical V3 model; the nearest is `RealESRNet_x4plus` (results will differ slightly)',
      ]);
    }
  });

  it('reports a field set twice once, and never a key that is not a V2 field', () => {
    const code = `export function go(image: string, again: boolean) {
  const body: Record<string, unknown> = { image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', gfpgan_visibility: 0.3, prompt: 'x' };
  if (again) body.gfpgan_visibility = 0.6;
  return fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify(body) });
}
`;
    const messages = lint(code).filter((m) => m.ruleId === 'v2-param');
    expect(messages.map((m) => paramOf(m.message))).toEqual(['image', 'upscaler_1', 'gfpgan_visibility']);
  });

  it('reports nothing for V3 bodies and for other services that take the V2 names', () => {
    const v3 = "fetch('https://api.novita.ai/v3/async/upscale', { method: 'POST', body: JSON.stringify({ request: { model_name: 'RealESRNet_x4plus', image_base64: 'x', scale_factor: 2 } }) });\n";
    const a1111 = "fetch('http://localhost:7860/sdapi/v1/extra-single-image', { method: 'POST', body: JSON.stringify({ image: 'x', upscaler_1: 'Lanczos', upscaling_crop: false, codeformer_weight: 0.5 }) });\n";
    expect(lint(v3 + a1111).filter((m) => m.ruleId === 'v2-param')).toEqual([]);
  });

  it('README "v2-param" shows what lint says: each example body, in a closed flow, gives exactly its warnings', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### v2-param\n'), readme.indexOf('### v2-upscaler-name\n'));
    const block = /```ts\n([\s\S]*?)\n```/.exec(section)![1]!.split('\n');
    const examples = block.flatMap((line, i) => {
      const body = /JSON\.stringify\((\{.*\})\) \}\);$/.exec(line)?.[1];
      if (!body) return [];
      const warnings: string[] = [];
      for (let j = i + 1; block[j]?.startsWith('//   warning  '); j++) warnings.push(block[j]!.slice('//   warning  '.length));
      return [{ body, warnings }];
    });
    expect(examples).toHaveLength(2);
    for (const { body, warnings } of examples) {
      expect(lint(fetchFlow(body)).filter((m) => m.ruleId === 'v2-param').map((m) => m.message)).toEqual(warnings);
    }
  });
});
