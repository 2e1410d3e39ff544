import { useState } from 'react';

export function UpscaleButton({ image }: { image: string }) {
  const [taskId, setTaskId] = useState<string | null>(null);
  const onClick = () => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', 'https://api.novita.ai/v2/upscale');
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.onload = () => setTaskId(JSON.parse(xhr.responseText).data.task_id);
    xhr.send(JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }));
  };
  return <button onClick={onClick}>{taskId ? `Task ${taskId}` : 'Upscale'}</button>;
}
