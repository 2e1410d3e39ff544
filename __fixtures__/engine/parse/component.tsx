import { useState } from 'react';

export function Upscale({ image }: { image: string }) {
  const [taskId, setTaskId] = useState<string | null>(null);
  const start = async () => {
    const res = await fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image }) });
    setTaskId((await res.json()).data.task_id);
  };
  return <button onClick={start}>{taskId ?? 'Upscale'}</button>;
}
