// The same code on novita-sdk 1.x is a V2 progress poll.
import { NovitaSDK } from 'novita-sdk';

const sdk = new NovitaSDK(process.env.NOVITA_API_KEY!);
export const check = (taskId: string) => sdk.progress({ task_id: taskId });
