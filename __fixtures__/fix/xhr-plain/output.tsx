export function UpscaleButton({ image }: { image: string }) {
  const onClick = () => {
    const xhr = new XMLHttpRequest();
    // TODO(novita-migrate): response reads to move by hand: the response now is V3 `{ task_id }` (no `code`/`msg`/`data`): update what reads `xhr.responseText`
    xhr.open('POST', 'https://api.novita.ai/v3/async/upscale');
    xhr.send(JSON.stringify({
      request: {
        model_name: 'RealESRGAN_x4plus_anime_6B',
        image_base64: image,
        scale_factor: 4
      }
    }));
  };
  return <button onClick={onClick}>Upscale</button>;
}
