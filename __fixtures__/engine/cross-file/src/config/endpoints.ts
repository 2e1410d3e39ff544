import { API_BASE } from './base';

export const ENDPOINTS = {
  upscale: `${API_BASE}/upscale`,
  progress: `${API_BASE}/progress`,
} as const;
