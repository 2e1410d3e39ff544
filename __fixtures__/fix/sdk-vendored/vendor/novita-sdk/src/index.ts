// A stand-in for the vendored SDK's entry point (the fixture test reads only input.ts).
export { NovitaSDK } from 'novita-sdk';
