// novita-sdk 3.x: `progress` is the V3 task-result call already. Not V2 code.
import { NovitaSDK } from 'novita-sdk';

const sdk = new NovitaSDK(process.env.NOVITA_API_KEY ?? '');

export async function status(taskId: string) {
  const res = await sdk.progress({ task_id: taskId });
  return res.task.status;
}
