/**
 * What the preload leaves alone: a loopback server (argv[2]) stays reachable
 * with fetch, axios and got; a TLS connection to another name (argv[3]) is
 * neither redirected nor renamed. Also reports what the patches show.
 * Outcome: { loopback: {fetch, axios, got}, otherHostError, lookup, namedConnectPatched }.
 */
import dns from 'node:dns';
import tls, { connect as namedConnect } from 'node:tls';
import axios from 'axios';
import got from 'got';
import { drive } from './kit.mjs';

const [loopbackUrl, otherHttpsUrl] = process.argv.slice(2);

drive(async () => {
  const loopback = {
    fetch: await (await fetch(loopbackUrl)).text(),
    axios: (await axios.get(loopbackUrl, { responseType: 'text' })).data,
    got: await got(loopbackUrl).text(),
  };
  let otherHostError;
  try {
    await fetch(otherHttpsUrl);
  } catch (err) {
    otherHostError = err.cause?.code ?? err.code ?? String(err);
  }
  return {
    loopback,
    otherHostError,
    lookup: (await dns.promises.lookup('api.novita.ai')).address,
    lookupOmni: await new Promise((resolve, reject) => dns.lookup('API.OMNIINFER.IO', (err, address) => (err ? reject(err) : resolve(address)))),
    namedConnectPatched: namedConnect === tls.connect,
  };
});
