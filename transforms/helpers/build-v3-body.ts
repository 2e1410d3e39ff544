/**
 * Turns the V2 body literal into the V3 one, in place:
 * `{ image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 }` ->
 * `{ request: { model_name: 'RealESRNet_x4plus', image_base64: image, scale_factor: 2 } }`.
 */
import * as t from '@babel/types';
import type { RequestBody } from '../../src/engine/types.js';
import { V3_REQUEST_FIELD, V3_REQUEST_KEY } from '../../src/spec/v3.js';
import type { FileStyle } from './file-style.js';
import { quoteString } from './file-style.js';

export function rebuildBody(body: RequestBody & { object: t.ObjectExpression }, modelName: string, scaleFactor: number, style: FileStyle): void {
  const image = body.properties.find((p) => p.name === 'image');
  const model = t.stringLiteral(modelName);
  model.extra = { rawValue: modelName, raw: quoteString(modelName, style) };
  // V3's key names come from src/spec, like the shim's: both write the same body.
  const request = t.objectExpression([
    t.objectProperty(t.identifier(V3_REQUEST_FIELD.modelName), model),
    t.objectProperty(t.identifier(V3_REQUEST_FIELD.imageBase64), (image?.valueNode as t.Expression | undefined) ?? t.identifier('undefined')),
    // Keep the code's own expression (a const, a literal) when it had one; V2's default 2 otherwise.
    t.objectProperty(t.identifier(V3_REQUEST_FIELD.scaleFactor), (body.properties.find((p) => p.name === 'upscaling_resize')?.valueNode as t.Expression | undefined) ?? t.numericLiteral(scaleFactor)),
  ]);
  body.object.properties = [t.objectProperty(t.identifier(V3_REQUEST_KEY), request)];
}
