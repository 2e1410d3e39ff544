export const poll = (id) => fetch(`https://api.novita.ai/v2/progress?task_id=${id}`); // expect: no-v2-progress
