export * from './endpoints';
export { API_BASE as BASE } from './base';
export { default as PROGRESS_URL } from './progress-url';
