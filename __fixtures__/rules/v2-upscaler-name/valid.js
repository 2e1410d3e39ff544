import { upscale } from 'novita-sdk';
upscale({ image: 'x', upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaler_2: 'None' });
// Not a Novita call: A1111's own names are fine there.
fetch('http://localhost:7860/sdapi/v1/extra-single-image', { body: JSON.stringify({ upscaler_1: 'Lanczos' }) });
