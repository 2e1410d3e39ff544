import axios from 'axios';
import { NovitaSDK } from 'novita-sdk';

export const api = axios.create({
  baseURL: process.env.NOVITA_BASE_URL ?? 'https://api.novita.ai',
  timeout: 60_000,
});

export const cdn = axios.create({ baseURL: 'https://cdn.example.com' });

export default new NovitaSDK(process.env.NOVITA_API_KEY ?? '');
