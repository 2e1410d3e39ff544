export function UpscaleButton({ image }: { image: string }) {
  const onClick = () => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', 'https://api.novita.ai/v2/upscale');
    xhr.send(JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 4 }));
  };
  return <button onClick={onClick}>Upscale</button>;
}
