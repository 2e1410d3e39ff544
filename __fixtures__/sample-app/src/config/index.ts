export * from './endpoints';
export { NOVITA_BASE as API_BASE } from './endpoints';
