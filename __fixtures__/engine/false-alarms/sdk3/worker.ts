// novita-sdk 3.x has no upscale method and its progress is V3's: not V2 code.
import { NovitaSDK } from 'novita-sdk';

const sdk = new NovitaSDK(process.env.NOVITA_API_KEY!);
export const check = (taskId: string) => sdk.progress({ task_id: taskId });
