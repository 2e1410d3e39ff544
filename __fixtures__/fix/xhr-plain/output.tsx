export function UpscaleButton({ image }: { image: string }) {
  const onClick = () => {
    const xhr = new XMLHttpRequest();
    // TODO(novita-migrate): V2 upscale kept: the response is read through `xhr.responseText`, which fix does not follow; XMLHttpRequest is browser code: point it at `novita-migrate shim serve --cors-origin <origin>` (one runtime for submit and polls)
    xhr.open('POST', 'https://api.novita.ai/v2/upscale');
    xhr.send(JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 4 }));
  };
  return <button onClick={onClick}>Upscale</button>;
}
