export const poll = (id) => fetch(`https://api.novita.ai/v3/async/task-result?task_id=${id}`);
app.get('/v2/progress', (req, res) => res.json({}));
