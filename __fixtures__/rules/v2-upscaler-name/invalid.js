import { upscale } from 'novita-sdk';
upscale({ image: 'x', upscaler_1: 'R-ESRGAN 4x+' }); // expect: v2-upscaler-name
upscale({ image: 'x', upscaler_1: 'Lanczos' }); // expect: v2-upscaler-name
upscale({ image: 'x', upscaler_1: 'SwinIR 4x' }); // expect: v2-upscaler-name
