/** Facts about the official JS SDK's V2 line (novita-sdk 1.x, API.md). */

/** novita-sdk 1.x `Upscalers` enum: member -> the V2 name it sends. */
export const NOVITA_SDK_1X_UPSCALERS: Readonly<Record<string, string>> = {
  ESRGAN_4x: 'ESRGAN_4x',
  R_ESRGAN_4x_plus: 'R-ESRGAN 4x+',
  R_ESRGAN_4x_plus_Anime6B: 'R-ESRGAN 4x+ Anime6B',
};

/** 1.x `upscale`/`upscaleSync` always send both upscalers, defaulting each to this name. */
export const NOVITA_SDK_1X_DEFAULT_UPSCALER = 'R-ESRGAN 4x+';
