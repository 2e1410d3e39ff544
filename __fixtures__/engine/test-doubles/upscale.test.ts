import nock from 'nock';
import MockAdapter from 'axios-mock-adapter';
import fetchMock from 'fetch-mock';
import axios from 'axios';
import { http, HttpResponse } from 'msw';

// Test doubles name the V2 URLs they stand in for; none of these is a request.
nock('https://api.novita.ai').post('/v2/upscale').reply(200, { code: 0, data: { task_id: 't1' } });
nock('https://api.novita.ai').get('/v2/progress').query(true).reply(200, { code: 0, data: { status: 2, imgs: [] } });

const axiosMock = new MockAdapter(axios);
axiosMock.onPost('https://api.novita.ai/v2/upscale').reply(200, { code: 0, data: { task_id: 't1' } });

fetchMock.post('https://api.novita.ai/v2/upscale', { code: 0, data: { task_id: 't1' } });

export const handlers = [
  http.post('https://api.novita.ai/v2/upscale', () => HttpResponse.json({ code: 0, data: { task_id: 't1' } })),
];
