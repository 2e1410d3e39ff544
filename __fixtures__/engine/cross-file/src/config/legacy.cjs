module.exports = { UPSCALE_PATH: '/v2/upscale', TIMEOUT_MS: 30000 };
