export const API_BASE = process.env.NOVITA_API_BASE ?? 'https://api.novita.ai/v2';
